/// A place in a client's fleet that holds one machine at a time — a receptionist's desktop, a
/// file server. Machines in a seat are replaced over the simulated days (a new device with a new
/// id and name), but what the seat is stays fixed: its kind, its client, whether it is a spare,
/// whether ThreatLocker protects it and how the two vendors spell its names.
struct DeviceSeat: Sendable, Hashable {
    enum Population: UInt64, Sendable {
        /// Enrolled in NinjaOne; also in ThreatLocker when `hasThreatLocker`.
        case ninjaOne = 1
        /// Known to ThreatLocker only: the RMM agent was never installed or was removed.
        case threatLockerOnly = 2
    }

    /// How a spare is marked: by sitting in the client's spare location, or by its display name.
    enum SpareMarking: Sendable, Hashable { case location, displayName }

    /// How ThreatLocker spells the hostname compared with NinjaOne's `systemName`.
    enum HostnameSpelling: Sendable, Hashable { case same, lowercase, fullyQualified }

    /// What NinjaOne's display name and ThreatLocker's computer name show.
    enum DisplayNaming: Sendable, Hashable {
        case hostname
        /// `LT-ACME-0042 | Jennifer Smith`, the technician's habit of noting the user.
        case hostnameAndUser
        /// A label a technician typed in NinjaOne only ("Front Desk").
        case friendlyLabel
        /// ThreatLocker still shows the previous user after a hand-over.
        case staleUserInThreatLocker
    }

    let population: Population
    let index: Int
    let kind: DeviceKind
    let homeClient: Int
    let spare: SpareMarking?
    var hasThreatLocker: Bool
    let hostnameSpelling: HostnameSpelling
    let displayNaming: DisplayNaming
    /// An over-long name (`ACME-CONFROOM-03`) that NetBIOS cuts at 15 characters.
    let hasLongName: Bool
    /// Days before day 0 that the first machine was enrolled.
    let initialAgeDays: Int
}
