import Foundation

/// Whether a device is billed; raw values are the seed's `billing_status.code`.
public enum BillingStatus: String, Sendable, Hashable, CaseIterable, Comparable {
    case billable
    /// Kept on the shelf: technicians mark these by putting "spare" in the display name or
    /// in the NinjaOne location name.
    case spare
    /// The vendor gives no basis for billing (ThreatLocker).
    case unknown

    public static func < (lhs: BillingStatus, rhs: BillingStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension BillingStatus {
    /// NinjaOne's rule: spare when the display name or the location name contains "spare"
    /// (any case), otherwise billable.
    public init(displayName: String?, locationName: String?) {
        let isSpare = [displayName, locationName].contains { name in
            name?.containsIgnoringCase("spare") == true
        }
        self = isSpare ? .spare : .billable
    }
}
