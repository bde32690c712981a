/// The named projections, each owning the read-model tables of its DDL file. A projection's
/// version changes whenever its rules change; catch-up then refuses until it is rebuilt.
public enum ProjectionName: String, CaseIterable, Sendable, Comparable {
    case deviceSnapshot = "device_snapshot"
    case dailyCounts = "daily_counts"
    case changeLog = "change_log"
    case exceptions = "exceptions"
    case siteAlias = "site_alias"

    public var version: Int {
        switch self {
        case .deviceSnapshot: return 2  // 2: ids derived from the ledger (SurrogateIDs)
        case .dailyCounts: return 2  // 2: site ids derived from the ledger
        case .changeLog: return 1
        case .exceptions: return 3  // 2: client names from the aliases recorded in the ledger; 3: shown in their own case
        case .siteAlias: return 1
        }
    }

    /// The tables of this projection, in the order its DDL creates them.
    public var tables: [String] {
        switch self {
        case .deviceSnapshot: return ["site", "device_identity", "device_snapshot", "projection_effective_run"]
        case .dailyCounts: return ["daily_counts", "month_end_counts"]
        case .changeLog: return ["change_log"]
        case .exceptions: return ["exceptions", "exception_finding"]
        case .siteAlias: return ["site_alias"]
        }
    }

    /// daily_counts reads device_snapshot and its sites; the others read the ledger directly.
    public var prerequisites: [ProjectionName] {
        self == .dailyCounts ? [.deviceSnapshot] : []
    }

    public static func < (lhs: ProjectionName, rhs: ProjectionName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
