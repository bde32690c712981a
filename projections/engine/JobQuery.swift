import Foundation
import PostgresClient

/// The job rows (`job_batches`, `job_runs`) of collections, catch-ups, rebuilds and
/// verifications, newest first.
public struct JobQuery: Sendable, Hashable {
    public struct Run: Sendable, Hashable {
        public var jobID: String
        public var jobName: String
        public var status: String
        public var startedAt: Date?
        public var updatedAt: Date?
        public var endedAt: Date?
        public var progressPercent: Int?
        public var message: String?
        public var error: String?
        public var durationSeconds: Int?
    }

    public struct Batch: Sendable, Hashable {
        public var batchID: String
        public var createdAt: Date
        public var status: String
        public var startedAt: Date?
        public var endedAt: Date?
        public var progressPercent: Int?
        public var message: String?
        public var error: String?
        public var durationSeconds: Int?
        public var runs: [Run]
    }

    public var status: String?
    public var jobName: String?
    public var limit: Int?
    public var offset = 0

    public init(status: String? = nil, jobName: String? = nil, limit: Int? = nil, offset: Int = 0) {
        self.status = status
        self.jobName = jobName
        self.limit = limit
        self.offset = offset
    }

    var conditions: PostgresQuery {
        var query: PostgresQuery = "true"
        if let status { query.and("b.status = \(status)") }
        if let jobName { query.and("EXISTS (SELECT 1 FROM job_runs r WHERE r.batch_id = b.batch_id AND r.job_name = \(jobName))") }
        return query
    }

    public func batches(_ session: PostgresSession) throws -> [Batch] {
        var query: PostgresQuery = """
            SELECT b.batch_id::text, b.created_at, b.status::text, b.started_at, b.ended_at, b.progress_percent, b.message, b.error, b.duration_seconds
            FROM job_batches b WHERE \(conditions) ORDER BY b.created_at DESC, b.batch_id
            """
        if let limit { query.append(" LIMIT \(limit)") }
        if offset > 0 { query.append(" OFFSET \(offset)") }
        var batches = try session.query(query).map(Self.batch)
        let runs = try Self.runs(batchIDs: batches.map(\.batchID), session)
        for index in batches.indices { batches[index].runs = runs[batches[index].batchID] ?? [] }
        return batches
    }

    public func count(_ session: PostgresSession) throws -> Int {
        try session.query("SELECT count(*)::int FROM job_batches b WHERE \(conditions)")[0].decode(Int.self, 0)
    }

    /// A batch by its id, or by the id of one of its runs.
    public static func batch(id: String, _ session: PostgresSession) throws -> Batch? {
        guard var batch = try session.query("""
            SELECT b.batch_id::text, b.created_at, b.status::text, b.started_at, b.ended_at, b.progress_percent, b.message, b.error, b.duration_seconds
            FROM job_batches b WHERE b.batch_id = \(id) OR b.batch_id = (SELECT batch_id FROM job_runs WHERE job_id = \(id))
            """).first.map(Self.batch) else { return nil }
        batch.runs = try runs(batchIDs: [batch.batchID], session)[batch.batchID] ?? []
        return batch
    }

    /// The newest run of a job name (`verify` for the ledger's last verification).
    public static func latestRun(named name: String, _ session: PostgresSession) throws -> Run? {
        try session.query("""
            SELECT job_id::text, job_name::text, status::text, started_at, updated_at, ended_at, progress_percent, message, error, duration_seconds, batch_id::text
            FROM job_runs WHERE job_name = \(name) ORDER BY coalesce(started_at, updated_at) DESC NULLS LAST, job_id DESC LIMIT 1
            """).first.map(Self.run)
    }

    static func batch(_ row: PostgresRow) throws -> Batch {
        Batch(
            batchID: try row.decode(String.self, 0), createdAt: try row.decode(Date.self, 1), status: try row.decode(String.self, 2),
            startedAt: try row.decode(Date?.self, 3), endedAt: try row.decode(Date?.self, 4), progressPercent: try row.decode(Int?.self, 5),
            message: try row.decode(String?.self, 6), error: try row.decode(String?.self, 7), durationSeconds: try row.decode(Int?.self, 8), runs: [])
    }

    static func run(_ row: PostgresRow) throws -> Run {
        Run(
            jobID: try row.decode(String.self, 0), jobName: try row.decode(String.self, 1), status: try row.decode(String.self, 2),
            startedAt: try row.decode(Date?.self, 3), updatedAt: try row.decode(Date?.self, 4), endedAt: try row.decode(Date?.self, 5),
            progressPercent: try row.decode(Int?.self, 6), message: try row.decode(String?.self, 7), error: try row.decode(String?.self, 8),
            durationSeconds: try row.decode(Int?.self, 9))
    }

    static func runs(batchIDs: [String], _ session: PostgresSession) throws -> [String: [Run]] {
        guard !batchIDs.isEmpty else { return [:] }
        var result: [String: [Run]] = [:]
        for row in try session.query("""
            SELECT job_id::text, job_name::text, status::text, started_at, updated_at, ended_at, progress_percent, message, error, duration_seconds, batch_id::text
            FROM job_runs WHERE batch_id = ANY(\(PostgresArray(batchIDs))::text[]) ORDER BY started_at NULLS FIRST, job_id
            """)
        {
            result[try row.decode(String.self, 10), default: []].append(try Self.run(row))
        }
        return result
    }
}
