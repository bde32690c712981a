/// The seats of a simulated MSP, fixed for all days: NinjaOne seats (most of them with a
/// ThreatLocker agent), ThreatLocker-only seats, and the seats whose ThreatLocker record was
/// duplicated by a reinstall. The split is chosen so that each vendor reports exactly the
/// configured number of devices.
struct FleetLayout: Sendable {
    let ninjaSeats: [DeviceSeat]
    let threatLockerOnlySeats: [DeviceSeat]
    /// Indices of NinjaOne seats that have a second, stale ThreatLocker record.
    let duplicatedSeats: [Int]

    init(configuration: FleetConfiguration, clients: [ClientProfile]) {
        var random = StableRandom(configuration.seed, 0x1A70)
        let clientWeights = clients.indices.map { ($0, clients[$0].weight * (0.8 + 0.4 * random.unit())) }
        let kindWeights = DeviceKind.allCases.map { ($0, $0.weight) }
        var seats = (0..<configuration.ninjaDeviceCount).map { index in
            Self.makeSeat(.ninjaOne, index: index, kind: random.pick(weighted: kindWeights), client: random.pick(weighted: clientWeights), clients: clients, random: &random)
        }
        let split = Self.split(ninja: configuration.ninjaDeviceCount, threatLocker: configuration.threatLockerComputerCount)
        for index in Self.threatLockerOrder(seats, seed: configuration.seed).prefix(split.shared) {
            seats[index].hasThreatLocker = true
        }
        ninjaSeats = seats
        let onlyKinds: [(DeviceKind, Double)] = [(.desktop, 5), (.laptop, 4), (.windowsServer, 1), (.mac, 1)]
        threatLockerOnlySeats = (0..<split.threatLockerOnly).map { index in
            Self.makeSeat(.threatLockerOnly, index: index, kind: random.pick(weighted: onlyKinds), client: random.pick(weighted: clientWeights), clients: clients, random: &random)
        }
        let candidates = seats.indices.filter { seats[$0].hasThreatLocker && seats[$0].kind.isWindows && seats[$0].spare == nil }
        duplicatedSeats = (0..<min(split.duplicates, candidates.count)).map { candidates[($0 * 7919 + 13) % candidates.count] }
    }

    /// How ThreatLocker's count divides into machines also in NinjaOne, machines only in
    /// ThreatLocker, and stale duplicate records.
    static func split(ninja: Int, threatLocker: Int) -> (shared: Int, threatLockerOnly: Int, duplicates: Int) {
        var duplicates = threatLocker >= 200 ? 3 : (threatLocker >= 20 ? 1 : 0)
        var only = threatLocker >= 40 ? max(2, threatLocker / 80) : 0
        var shared = threatLocker - duplicates - only
        if shared > ninja {
            shared = ninja
            only = threatLocker - duplicates - shared
        }
        if shared == 0 {
            only += duplicates
            duplicates = 0
        }
        return (shared, only, duplicates)
    }

    /// NinjaOne seats in the order ThreatLocker agents are handed out: one spare first (a
    /// ThreatLocker agent left on a shelved device is a classic audit finding), then eligible
    /// machines in a seeded shuffle, then everything else.
    private static func threatLockerOrder(_ seats: [DeviceSeat], seed: UInt64) -> [Int] {
        let spares = seats.indices.filter { seats[$0].spare != nil }
        let eligible = seats.indices.filter { seats[$0].spare == nil && seats[$0].kind.canRunThreatLocker }
            .sorted { StableRandom.hash(seed, 0x7A, UInt64($0)) < StableRandom.hash(seed, 0x7A, UInt64($1)) }
        let firstSpare = Array(spares.prefix(1))
        let ordered = Set(firstSpare + eligible)
        let rest = seats.indices.filter { !ordered.contains($0) }
        return firstSpare + eligible + rest
    }

    private static func makeSeat(
        _ population: DeviceSeat.Population, index: Int, kind: DeviceKind, client: Int, clients: [ClientProfile],
        random: inout StableRandom
    ) -> DeviceSeat {
        let profile = clients[client]
        var spare: DeviceSeat.SpareMarking?
        if population == .ninjaOne, kind.canBeSpare, random.chance(0.035) {
            spare = profile.spareLocation != nil && random.chance(0.6) ? .location : .displayName
        }
        let spelling: DeviceSeat.HostnameSpelling
        if kind == .mac {
            spelling = random.chance(0.5) ? .fullyQualified : .same
        } else if kind.isWindows, profile.domain != nil {
            spelling = random.pick(weighted: [(.same, 0.75), (.lowercase, 0.1), (.fullyQualified, 0.15)])
        } else {
            spelling = .same
        }
        var naming: DeviceSeat.DisplayNaming = .hostname
        if spare == nil, population == .ninjaOne {
            let labelWeight = kind.canBeSpare ? 0.03 : 0
            naming = random.pick(weighted: [(.hostname, 0.86), (.hostnameAndUser, 0.07), (.friendlyLabel, labelWeight), (.staleUserInThreatLocker, 0.04)])
        }
        let longName = (kind == .desktop && random.chance(0.04)) || (kind == .windowsServer && random.chance(0.15))
        return DeviceSeat(
            population: population, index: index, kind: kind, homeClient: client, spare: spare, hasThreatLocker: population == .threatLockerOnly,
            hostnameSpelling: spelling, displayNaming: naming, hasLongName: longName, initialAgeDays: random.int(in: 20...1500))
    }
}
