import InventoryJSON

/// One exception condition observed on one compared date. There is exactly one finding per
/// (type, key) per date; the episode logic turns findings into `exceptions` rows.
public struct ExceptionFinding: Sendable, Hashable, Comparable {
    public var type: ExceptionType
    /// The `exceptions.hostname` column: the canonical key of the device's hostname.
    public var key: CanonicalKey
    /// The devices involved that day: `{"ninja": [device…], "threatLocker": [device…]}`, each
    /// device `{vendorDeviceKey, hostname, displayName, client, siteKey, siteName,
    /// billingStatus, locationName, osName}` (absent values omitted), sorted by
    /// `vendorDeviceKey`.
    public var details: JSONValue

    public init(type: ExceptionType, key: CanonicalKey, details: JSONValue) {
        self.type = type
        self.key = key
        self.details = details
    }

    /// By type, then key: the deterministic order of a day's findings.
    public static func < (lhs: ExceptionFinding, rhs: ExceptionFinding) -> Bool {
        (lhs.type, lhs.key) < (rhs.type, rhs.key)
    }
}
