import Foundation
import PostgresClient

/// The `job_batches` and `job_runs` rows of one job (a collect, later a catch-up or rebuild),
/// moving queued → running → completed or failed, as the original system's dashboards read
/// them.
///
/// Every transition is its own short transaction, never part of the ledger append: a run that
/// fails (its append rolled back) still leaves a `failed` row saying why. Messages and errors
/// must already be free of credentials; the collector redacts them before they get here.
public struct JobTracker: Sendable {
    /// `job_batches.batch_id`: `collect-<job id>`.
    public let batchID: String
    /// `job_runs.job_id`: `<job name>-<YYYYMMDD>-<8 hex digits>`, readable in a dashboard and
    /// unique enough for many jobs a day.
    public let jobID: String
    /// `job_runs.job_name`, e.g. `ninja` or `threatlocker`.
    public let jobName: String
    private let connection: PostgresConnection

    private init(batchID: String, jobID: String, jobName: String, connection: PostgresConnection) {
        self.batchID = batchID
        self.jobID = jobID
        self.jobName = jobName
        self.connection = connection
    }

    /// Inserts the batch and its run as `queued` at 0 %, with `message`.
    public static func enqueue(
        jobName: String, date: CalendarDate, message: String, batchPrefix: String = "collect", connection: PostgresConnection
    ) async throws -> JobTracker {
        let jobID = makeJobID(jobName: jobName, date: date)
        let tracker = JobTracker(batchID: "\(batchPrefix.prefix(8))-\(jobID)", jobID: jobID, jobName: jobName, connection: connection)
        let batchID = tracker.batchID
        try await connection.withSession { session in
            try session.transaction {
                try session.query("""
                    INSERT INTO job_batches (batch_id, status, progress_percent, message)
                    VALUES (\(batchID), 'queued', 0, \(message))
                    """)
                try session.query("""
                    INSERT INTO job_runs (job_id, batch_id, job_name, status, updated_at, progress_percent, message)
                    VALUES (\(jobID), \(batchID), \(jobName), 'queued', clock_timestamp(), 0, \(message))
                    """)
            }
        }
        return tracker
    }

    /// `running` from now, at `percent`.
    public func start(message: String, percent: Int = 0) async throws {
        try await update(status: "running", percent: percent, message: message, error: nil, starting: true, ending: false)
    }

    /// Still `running`, now at `percent` with `message`.
    public func progress(_ percent: Int, message: String) async throws {
        try await update(status: "running", percent: percent, message: message, error: nil, starting: false, ending: false)
    }

    /// `completed` at 100 %, with the end time and duration.
    public func complete(message: String) async throws {
        try await update(status: "completed", percent: 100, message: message, error: nil, starting: false, ending: true)
    }

    /// `failed` with `error` (why, in one sentence), the end time and duration; the progress
    /// stays where the job stopped.
    public func fail(error: String, message: String) async throws {
        try await update(status: "failed", percent: nil, message: message, error: error, starting: false, ending: true)
    }

    private func update(status: String, percent: Int?, message: String, error: String?, starting: Bool, ending: Bool) async throws {
        let (batchID, jobID) = (batchID, jobID)
        let percent = percent.map { min(100, max(0, $0)) }
        try await connection.withSession { session in
            try session.transaction {
                for table in ["job_batches", "job_runs"] {
                    let key = table == "job_batches" ? "batch_id" : "job_id"
                    let id = table == "job_batches" ? batchID : jobID
                    try session.query("""
                        UPDATE \(identifier: table) SET
                            status = \(status),
                            progress_percent = coalesce(\(percent)::int, progress_percent),
                            message = \(message),
                            error = \(error),
                            started_at = CASE WHEN \(starting) THEN clock_timestamp() ELSE started_at END,
                            ended_at = CASE WHEN \(ending) THEN clock_timestamp() ELSE ended_at END,
                            duration_seconds = CASE WHEN \(ending)
                                THEN round(extract(epoch FROM clock_timestamp() - coalesce(started_at, clock_timestamp())))::int
                                ELSE duration_seconds END
                            \(table == "job_runs" ? ", updated_at = clock_timestamp()" : "" as PostgresQuery)
                        WHERE \(identifier: key) = \(id)
                        """)
                }
            }
        }
    }

    /// `ninja-20250301-1a2b3c4d`. The job name is cut to 24 characters and the batch prefix to
    /// 8, so both ids fit the columns' 50 whatever the caller passes.
    static func makeJobID(jobName: String, date: CalendarDate) -> String {
        let day = date.description.replacingOccurrences(of: "-", with: "")
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let padded = String(repeating: "0", count: 8 - suffix.count) + suffix
        return "\(jobName.prefix(24))-\(day)-\(padded)"
    }
}
