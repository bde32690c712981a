/// Every name a machine goes by on a given day, in both vendors' spellings.
///
/// NinjaOne reports `systemName` (the computer name), `dnsName` (the FQDN when domain joined),
/// `netbiosName` (cut at 15 characters) and a `displayName` technicians may edit; ThreatLocker
/// reports a `hostname` (sometimes lower case or fully qualified) and a `computerName`.
struct MachineNames: Sendable, Hashable {
    let systemName: String
    let dnsName: String
    let netbiosName: String
    let displayName: String
    let threatLockerHostname: String
    let threatLockerComputerName: String
    let userName: String
    let previousUserName: String

    /// New Windows machines arrive named `DESKTOP-XXXXXXX` and are renamed within a few days.
    static let defaultNameProbability = 0.35

    init(state: SeatState, day: Int, seed: UInt64, clients: [ClientProfile]) {
        let seat = state.seat
        let client = clients[state.nameClient]
        var random = StableRandom(seed, 0xA11, seat.population.rawValue, UInt64(seat.index), UInt64(state.generation))
        let user = Self.person(&random)
        let previous = Self.person(&random)
        userName = user
        previousUserName = previous
        let defaultNameDays = random.int(in: 1...5)
        let startsWithDefaultName = state.generation > 0 && seat.kind.canBeSpare && random.chance(Self.defaultNameProbability)
        let host: String
        if startsWithDefaultName, day < state.enrolledDay + defaultNameDays {
            host = "DESKTOP-" + random.hex(7)
        } else {
            host = Self.hostname(seat: seat, state: state, client: client, user: user, random: &random)
        }
        systemName = host
        netbiosName = String(host.uppercased().prefix(15))
        let lower = host.lowercased()
        dnsName = client.domain.map { "\(lower).\($0)" } ?? lower
        switch seat.hostnameSpelling {
        case .same: threatLockerHostname = host
        case .lowercase: threatLockerHostname = lower
        case .fullyQualified: threatLockerHostname = seat.kind == .mac ? "\(host).local" : dnsName
        }
        let label = random.pick(ClientCatalog.friendlyLabels)
        switch (seat.spare, seat.displayNaming) {
        case (.displayName, _):
            displayName = "SPARE - \(host)"
            threatLockerComputerName = host
        case (_, .hostnameAndUser):
            displayName = "\(host) | \(user)"
            threatLockerComputerName = displayName
        case (_, .staleUserInThreatLocker):
            displayName = "\(host) | \(user)"
            threatLockerComputerName = "\(host) | \(previous)"
        case (_, .friendlyLabel):
            displayName = label
            threatLockerComputerName = host.uppercased()
        case (_, .hostname):
            displayName = host
            threatLockerComputerName = seat.kind == .mac ? host : host.uppercased()
        }
    }

    private static func person(_ random: inout StableRandom) -> String {
        "\(random.pick(ClientCatalog.firstNames)) \(random.pick(ClientCatalog.lastNames))"
    }

    /// `WS-ACME-0412`, `LT-BRKWTR-1187`, `EVCU-DC01`, `Jennifers-MacBook-Pro-2`; a few names are
    /// longer than NetBIOS allows (`ACME-CONFROOM-03`, `acme-lnx-backup01`).
    private static func hostname(seat: DeviceSeat, state: SeatState, client: ClientProfile, user: String, random: inout StableRandom) -> String {
        let populationOffset = seat.population == .threatLockerOnly ? 5_000 : 0
        let serial = (seat.index + 1 + populationOffset + 1_237 * (state.generation * 2 + state.renames)) % 10_000
        let number = CivilDate.pad(serial, 4)
        let small = CivilDate.pad(serial % 97 + 1, 2)
        switch seat.kind {
        case .desktop where seat.hasLongName: return "\(client.code)-CONFROOM-\(small)"
        case .desktop: return "WS-\(client.code)-\(number)"
        case .laptop: return "LT-\(client.code)-\(number)"
        case .windowsServer where seat.hasLongName: return "\(client.code)-SQLCLUSTER\(small)"
        case .windowsServer: return "\(client.code)-\(random.pick(["DC", "FS", "APP", "SQL", "RDS", "PRINT", "BACKUP"]))\(small)"
        case .vmGuest: return "\(client.code)-VM\(CivilDate.pad(serial % 997 + 1, 3))"
        case .vmHost: return "\(client.code)-ESX\(small)"
        case .linuxServer: return "\(client.code.lowercased())-lnx-backup\(small)"
        case .mac:
            let first = user.split(separator: " ").first.map(String.init) ?? "User"
            let suffix = serial % 4 == 0 ? "" : "-\(serial % 4 + 1)"
            return "\(first)s-\(random.pick(["MacBook-Pro", "MacBook-Air", "iMac"]))\(suffix)"
        }
    }
}
