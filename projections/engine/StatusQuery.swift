import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient

/// Where the system stands, read without writing anything (it runs on read-only snapshots and
/// replicas): per vendor its newest day and last run, per projection its checkpoint and lag,
/// failed jobs, open exceptions. `/api/status`, the dashboard's overview and `project status`
/// read it.
public struct StatusQuery: Sendable {
    public struct VendorStatus: Sendable, Hashable {
        public var vendor: Vendor
        /// The newest snapshot date in `device_snapshot`.
        public var newestSnapshotDate: CalendarDate?
        public var deviceCount: Int
        /// The vendor's last completed run in the ledger.
        public var lastRunDate: CalendarDate?
        public var lastRunRecordedAt: Date?
        /// `api` or `file`.
        public var lastRunSource: String?
    }

    public struct ProjectionStatus: Sendable, Hashable {
        public var projection: ProjectionName
        public var checkpoint: Int64
        public var headSeq: Int64
        public var storedVersion: Int
        public var codeVersion: Int
        public var updatedAt: Date?
        public var lag: Int64 { max(0, headSeq - checkpoint) }
    }

    public struct FailedJob: Sendable, Hashable {
        public var jobID: String
        public var jobName: String
        public var endedAt: Date?
        public var error: String?
    }

    public struct Result: Sendable, Hashable {
        public var vendors: [VendorStatus]
        public var projections: [ProjectionStatus]
        public var failedJobs: [FailedJob]
        public var openExceptions: [String: Int]
        public var headSeq: Int64
    }

    public init() {}

    /// The newest snapshot date the live daily tables hold (of one vendor, or of any).
    public static func newestSnapshotDate(_ session: PostgresSession, vendor: Vendor? = nil) throws -> CalendarDate? {
        var query: PostgresQuery = "SELECT max(snapshot_date) FROM daily_counts WHERE true"
        if let vendor { query.and("vendor_id = \(vendor.rawValue)") }
        return try session.query(query)[0].decode(CalendarDate?.self, 0)
    }

    /// The oldest snapshot date the live tables still hold (retention drops older ones).
    public static func oldestSnapshotDate(_ session: PostgresSession) throws -> CalendarDate? {
        try session.query("SELECT min(snapshot_date) FROM device_snapshot")[0].decode(CalendarDate?.self, 0)
    }

    /// The first and last snapshot dates the ledger has a completed run for.
    public static func collectedDateRange(_ session: PostgresSession) throws -> ClosedRange<CalendarDate>? {
        let row = try session.query("SELECT min(observed_on), max(observed_on) FROM ledger_event WHERE event_type = 'collection_completed'")[0]
        guard let first = try row.decode(CalendarDate?.self, 0), let last = try row.decode(CalendarDate?.self, 1) else { return nil }
        return first...last
    }

    public func read(_ session: PostgresSession, failedJobsSince: Date = Date().addingTimeInterval(-86_400)) throws -> Result {
        let head = try Ledger(session: session).headSeq()
        var vendors: [VendorStatus] = []
        for vendor in Vendor.allCases {
            let newest = try session.query("""
                SELECT max(snapshot_date) FROM daily_counts WHERE vendor_id = \(vendor.rawValue)
                """)[0].decode(CalendarDate?.self, 0)
            let count = try newest.map { date in
                try session.query("""
                    SELECT coalesce(sum(cnt), 0)::int FROM daily_counts WHERE vendor_id = \(vendor.rawValue) AND snapshot_date = \(date)
                    """)[0].decode(Int.self, 0)
            } ?? 0
            var status = VendorStatus(vendor: vendor, newestSnapshotDate: newest, deviceCount: count)
            if let run = try session.query("""
                SELECT seq, observed_on FROM ledger_event WHERE event_type = 'collection_completed' AND vendor_id = \(vendor.rawValue)
                ORDER BY seq DESC LIMIT 1
                """).first {
                let seq = Int64(try run.decode(Int.self, 0))
                status.lastRunDate = try run.decode(CalendarDate?.self, 1)
                try Ledger(session: session).forEachEvent(after: seq - 1, filter: LedgerFilter(maxSeq: seq)) { event in
                    status.lastRunRecordedAt = event.recordedAt
                    status.lastRunSource = (try? JSONParser.parse(event.payload))?["source"]?.stringValue
                }
            }
            vendors.append(status)
        }
        var stored: [String: (Int64, Int, Date?)] = [:]
        for row in try session.query("SELECT projection, last_seq, version, updated_at FROM projection_checkpoint") {
            stored[try row.decode(String.self, 0)] = (Int64(try row.decode(Int.self, 1)), try row.decode(Int.self, 2), try row.decode(Date?.self, 3))
        }
        let projections = ProjectionName.allCases.map { projection in
            let entry = stored[projection.rawValue]
            return ProjectionStatus(
                projection: projection, checkpoint: entry?.0 ?? 0, headSeq: head, storedVersion: entry?.1 ?? projection.version,
                codeVersion: projection.version, updatedAt: entry?.2)
        }
        let failed = try session.query("""
            SELECT job_id::text, job_name::text, ended_at, error FROM job_runs
            WHERE status = 'failed' AND coalesce(ended_at, updated_at, started_at) >= \(failedJobsSince)
            ORDER BY coalesce(ended_at, updated_at, started_at) DESC LIMIT 50
            """).map { row in
            FailedJob(jobID: try row.decode(String.self, 0), jobName: try row.decode(String.self, 1), endedAt: try row.decode(Date?.self, 2), error: try row.decode(String?.self, 3))
        }
        return Result(
            vendors: vendors, projections: projections, failedJobs: failed, openExceptions: try ExceptionEpisodeQuery.openCounts(session),
            headSeq: head)
    }
}
