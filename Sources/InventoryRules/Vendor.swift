import InventoryJSON

/// The two vendors the hub collects from. Raw values are the seed's `vendor.id`, so read models
/// keep the ids existing reports and queries filter on (`vendor_id = 3`, `vendor_id = 4`).
public enum Vendor: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case ninja = 3
    case threatLocker = 4

    /// The seed's `vendor.name`.
    public var name: String {
        switch self {
        case .ninja: "Ninja"
        case .threatLocker: "ThreatLocker"
        }
    }

    public var description: String { name }

    public static func < (lhs: Vendor, rhs: Vendor) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The snapshot row of one of this vendor's stored `device_observed` payloads (nil when the
    /// device is not projected), parsing only the members its mapping reads for `detail`.
    public func row(fromPayload bytes: some Collection<UInt8>, detail: RowDetail = .full) throws(JSONParseError) -> DeviceSnapshotRow? {
        switch self {
        case .ninja: try NinjaOneMapping.row(fromPayload: bytes, detail: detail)
        case .threatLocker: try ThreatLockerMapping.row(fromPayload: bytes, detail: detail)
        }
    }
}
