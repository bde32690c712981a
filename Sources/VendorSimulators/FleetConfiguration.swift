/// What the simulated MSP looks like: how many devices each vendor reports, how many clients
/// there are, and which calendar date is simulated day 0.
///
/// The device counts hold on every simulated day: each day retires some devices and enrols the
/// same number of new ones, so a test can ask for "a 1,234-device fleet" on any day and still
/// see devices come and go between days.
public struct FleetConfiguration: Sendable, Hashable {
    /// Decides every generated value; two generators with equal configurations agree exactly.
    public var seed: UInt64
    /// Devices in NinjaOne's `devices-detailed` on each day.
    public var ninjaDeviceCount: Int
    /// Computers in ThreatLocker's `ComputerGetByAllParameters` on each day.
    public var threatLockerComputerCount: Int
    /// Client organizations (at most the size of the built-in client list, 24).
    public var organizationCount: Int
    /// The date of simulated day 0.
    public var firstDay: CivilDate

    /// A normal MSP: about 1,500 NinjaOne devices and 1,300 ThreatLocker computers across 20
    /// clients, history starting on 2025-01-01.
    public init(
        seed: UInt64 = 20_250_101,
        ninjaDeviceCount: Int = 1_500,
        threatLockerComputerCount: Int = 1_300,
        organizationCount: Int = 20,
        firstDay: CivilDate = CivilDate("2025-01-01")!
    ) {
        precondition(ninjaDeviceCount >= 0 && threatLockerComputerCount >= 0, "device counts cannot be negative")
        self.seed = seed
        self.ninjaDeviceCount = ninjaDeviceCount
        self.threatLockerComputerCount = threatLockerComputerCount
        self.organizationCount = max(1, min(organizationCount, ClientCatalog.clients.count))
        self.firstDay = firstDay
    }

    /// The simulated day index of a calendar date; nil for dates before `firstDay`.
    public func dayIndex(of date: CivilDate) -> Int? {
        let index = date.daysSinceEpoch - firstDay.daysSinceEpoch
        return index >= 0 ? index : nil
    }

    /// The calendar date of a simulated day.
    public func date(ofDay index: Int) -> CivilDate { firstDay.adding(days: index) }
}
