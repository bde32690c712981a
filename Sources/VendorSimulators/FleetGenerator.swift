import InventoryJSON

/// Generates the simulated MSP's inventory for any day: a deterministic function of the
/// configuration, so one simulator can serve many days of history and a test can compute what
/// it should have received.
///
/// Day to day, machines are replaced (a retired device disappears, a new one with a new id
/// appears), renamed (often from a `DESKTOP-…` name a few days after enrolment) and moved
/// between clients (ThreatLocker follows two days later). The fleet also holds the cases an
/// MSP audit looks for: spares (in a "Spare…" location or named "SPARE - …"), one of them with a
/// ThreatLocker agent, duplicated ThreatLocker hostnames, machines in one vendor only,
/// fully qualified and over-long hostnames, display names with `|`.
public struct FleetGenerator: Sendable {
    /// The configuration every generated value follows from.
    public let configuration: FleetConfiguration
    let directory: ClientDirectory
    let layout: FleetLayout
    private let movableSeats: [Int]

    /// Lays out the fleet's seats once; each day is generated on request.
    public init(configuration: FleetConfiguration = FleetConfiguration()) {
        self.configuration = configuration
        directory = ClientDirectory(configuration: configuration)
        layout = FleetLayout(configuration: configuration, clients: directory.clients)
        movableSeats = layout.ninjaSeats.filter { $0.spare == nil }.map(\.index)
    }

    /// The fleet on a calendar date; nil before the configuration's first day.
    public func fleet(on date: CivilDate) -> SimulatedFleet? {
        configuration.dayIndex(of: date).map { fleet(onDay: $0) }
    }

    /// The fleet on simulated day `day` (0 is `configuration.firstDay`).
    public func fleet(onDay day: Int) -> SimulatedFleet {
        precondition(day >= 0, "simulated days start at 0")
        let seed = configuration.seed
        let clientCount = directory.clients.count
        let ninjaEvents = SeatEvents(
            seed: seed, population: .ninjaOne, seatCount: layout.ninjaSeats.count, movableSeats: movableSeats, forcedThroughDay: day)
        let threatLockerEvents = SeatEvents(
            seed: seed, population: .threatLockerOnly, seatCount: layout.threatLockerOnlySeats.count, movableSeats: [], forcedThroughDay: nil)
        let ninja = NinjaDeviceRenderer(directory: directory)
        let threatLocker = ThreatLockerComputerRenderer(directory: directory, seed: seed)
        var devices: [(id: Int, item: JSONValue)] = []
        var customFields: [String: JSONValue] = [:]
        var computers: [JSONValue] = []
        var computerOfSeat: [Int: JSONValue] = [:]
        for seat in layout.ninjaSeats {
            let state = SeatTimeline.state(of: seat, onDay: day, events: ninjaEvents, clientCount: clientCount)
            let names = MachineNames(state: state, day: day, seed: seed, clients: directory.clients)
            let profile = MachineProfile(seat: seat, generation: state.generation, seed: seed)
            let activity = DailyActivity(state: state, day: day, configuration: configuration)
            let id = deviceID(of: state)
            devices.append((id, ninja.device(id: id, state: state, names: names, profile: profile, activity: activity)))
            customFields[String(id)] = ninja.customFields(state: state, profile: profile)
            if seat.hasThreatLocker {
                let computer = threatLocker.computer(state: state, names: names, profile: profile, activity: activity)
                computers.append(computer)
                computerOfSeat[seat.index] = computer
            }
        }
        for seat in layout.threatLockerOnlySeats {
            let state = SeatTimeline.state(of: seat, onDay: day, events: threatLockerEvents, clientCount: clientCount)
            let names = MachineNames(state: state, day: day, seed: seed, clients: directory.clients)
            let profile = MachineProfile(seat: seat, generation: state.generation, seed: seed)
            let activity = DailyActivity(state: state, day: day, configuration: configuration)
            var computer = threatLocker.computer(state: state, names: names, profile: profile, activity: activity)
            if seat.index % 6 == 5, case .object(var members) = computer {
                members["isDeleted"] = true
                computer = .object(members)
            }
            computers.append(computer)
        }
        let collectionEpoch = configuration.date(ofDay: day).epochSeconds + 8 * 3600 + 600
        for (position, seatIndex) in layout.duplicatedSeats.enumerated() {
            if let original = computerOfSeat[seatIndex] {
                computers.append(threatLocker.staleDuplicate(of: original, index: position, collectionEpoch: collectionEpoch))
            }
        }
        return SimulatedFleet(
            day: day, date: configuration.date(ofDay: day), organizations: directory.organizations, locations: directory.locations,
            ninjaDevices: devices.sorted { $0.id < $1.id }.map(\.item), customFields: customFields,
            threatLockerComputers: Self.ordered(computers))
    }

    /// NinjaOne ids grow with enrolment: day-0 machines have small ids with gaps (deleted
    /// devices), each later machine an id derived from its enrolment day and seat.
    private func deviceID(of state: SeatState) -> Int {
        let seatCount = layout.ninjaSeats.count
        if state.generation == 0 {
            return 17 + state.seat.index * 3 + Int(StableRandom.hash(configuration.seed, 0x1D, UInt64(state.seat.index)) % 3)
        }
        return 17 + 3 * seatCount + state.enrolledDay * seatCount + state.seat.index
    }

    /// ThreatLocker's `orderBy: computername` ascending, with `totalRows` on every item.
    private static func ordered(_ computers: [JSONValue]) -> [JSONValue] {
        let sorted = computers.sorted { lhs, rhs in
            let left = lhs["computerName"]?.stringValue?.lowercased() ?? ""
            let right = rhs["computerName"]?.stringValue?.lowercased() ?? ""
            if left != right { return left < right }
            return (lhs["computerId"]?.stringValue ?? "") < (rhs["computerId"]?.stringValue ?? "")
        }
        let total = JSONValue(sorted.count)
        return sorted.map { computer in
            guard case .object(var members) = computer else { return computer }
            members["totalRows"] = total
            return .object(members)
        }
    }
}
