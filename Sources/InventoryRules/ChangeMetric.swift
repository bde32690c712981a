/// The `change_log.metric` names. The first six are counts of the day's snapshot; the last
/// four count devices that moved between the previous snapshot date and this one.
public enum ChangeMetric: String, Sendable, Hashable, CaseIterable, Comparable {
    case devices
    case billable
    case spare
    case servers
    case workstations
    /// Distinct site keys.
    case sites
    case added
    case removed
    case siteChanged = "site_changed"
    case billingChanged = "billing_changed"

    /// True for the movement metrics, whose value is a count of devices that changed.
    public var isMovement: Bool {
        switch self {
        case .added, .removed, .siteChanged, .billingChanged: true
        default: false
        }
    }

    /// In declaration order, the order of the `change_log` rows for a day.
    public static func < (lhs: ChangeMetric, rhs: ChangeMetric) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
