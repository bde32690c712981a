import InventoryJSON

/// Everything both vendors report on one simulated day, exactly as the simulators serve it.
///
/// Tests compare what a client fetched with these values; the collectors' tests compare
/// ledger payloads with them.
public struct SimulatedFleet: Sendable, Equatable {
    /// The simulated day (0 is the configuration's first day).
    public let day: Int
    /// The calendar date of `day`.
    public let date: CivilDate
    /// NinjaOne `/v2/organizations` items, ordered by id.
    public let organizations: [JSONValue]
    /// NinjaOne `/v2/locations` items, ordered by id.
    public let locations: [JSONValue]
    /// NinjaOne `/v2/devices-detailed` items, ordered by id.
    public let ninjaDevices: [JSONValue]
    /// NinjaOne `/v2/device/{id}/custom-fields` objects keyed by the device id as text.
    public let customFields: [String: JSONValue]
    /// ThreatLocker computers ordered by computer name, each carrying `totalRows`.
    public let threatLockerComputers: [JSONValue]

    /// A fleet from its parts; `FleetGenerator` is the usual source.
    public init(
        day: Int, date: CivilDate, organizations: [JSONValue], locations: [JSONValue], ninjaDevices: [JSONValue],
        customFields: [String: JSONValue], threatLockerComputers: [JSONValue]
    ) {
        self.day = day
        self.date = date
        self.organizations = organizations
        self.locations = locations
        self.ninjaDevices = ninjaDevices
        self.customFields = customFields
        self.threatLockerComputers = threatLockerComputers
    }

    /// NinjaOne device ids, in serving order.
    public var ninjaDeviceIDs: [Int] { ninjaDevices.compactMap { $0["id"]?.intValue } }
}
