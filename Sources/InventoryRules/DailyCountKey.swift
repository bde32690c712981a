/// The grouping of `daily_counts` and `month_end_counts`: devices per vendor, site, device
/// type and billing status — what a client's invoice is computed from.
public struct DailyCountKey: Sendable, Hashable, Comparable {
    public var vendor: Vendor
    /// The vendor's site key; nil for devices without an organization.
    public var siteKey: String?
    public var deviceType: DeviceType
    public var billingStatus: BillingStatus

    public init(vendor: Vendor, siteKey: String?, deviceType: DeviceType, billingStatus: BillingStatus) {
        self.vendor = vendor
        self.siteKey = siteKey
        self.deviceType = deviceType
        self.billingStatus = billingStatus
    }

    public init(_ row: DeviceSnapshotRow) {
        self.init(vendor: row.vendor, siteKey: row.siteKey, deviceType: row.deviceType, billingStatus: row.billingStatus)
    }

    /// Counts rows per key. Keys with no rows are absent, never zero.
    public static func tally(_ rows: some Sequence<DeviceSnapshotRow>) -> [DailyCountKey: Int] {
        var counts: [DailyCountKey: Int] = [:]
        for row in rows { counts[DailyCountKey(row), default: 0] += 1 }
        return counts
    }

    /// Vendor, then site key (no site first), device type, billing status.
    public static func < (lhs: DailyCountKey, rhs: DailyCountKey) -> Bool {
        (lhs.vendor, lhs.siteKey == nil ? 0 : 1, lhs.siteKey ?? "", lhs.deviceType, lhs.billingStatus)
            < (rhs.vendor, rhs.siteKey == nil ? 0 : 1, rhs.siteKey ?? "", rhs.deviceType, rhs.billingStatus)
    }
}
