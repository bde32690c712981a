import Foundation
import Ledger
import PostgresClient

/// One `job_runs` row joined with its batch, as a dashboard reads it.
struct JobRow: Sendable {
    let jobID: String
    let batchID: String
    let jobName: String
    let status: String
    let batchStatus: String
    let progressPercent: Int?
    let message: String?
    let error: String?
    let durationSeconds: Int?
    let hasTimes: Bool
}

extension CollectorBench {
    /// Ledger events in `seq` order, optionally only one run's.
    func events(runID: UUID? = nil) async throws -> [LedgerEvent] {
        try await connection.withSession { session in
            var events: [LedgerEvent] = []
            try Ledger(session: session).forEachEvent(filter: LedgerFilter(runID: runID)) { events.append($0) }
            return events
        }
    }

    /// Every job run, oldest first.
    func jobRuns() async throws -> [JobRow] {
        try await connection.query("""
            SELECT r.job_id, r.batch_id, r.job_name, r.status, b.status, r.progress_percent, r.message, r.error,
                   r.duration_seconds, (r.started_at IS NOT NULL AND r.ended_at IS NOT NULL AND r.updated_at IS NOT NULL
                                        AND b.started_at IS NOT NULL AND b.ended_at IS NOT NULL)
            FROM job_runs r JOIN job_batches b USING (batch_id)
            ORDER BY r.updated_at, r.job_id
            """).map { row in
            JobRow(
                jobID: try row.decode(String.self, 0), batchID: try row.decode(String.self, 1), jobName: try row.decode(String.self, 2),
                status: try row.decode(String.self, 3), batchStatus: try row.decode(String.self, 4),
                progressPercent: try row.decode(Int?.self, 5), message: try row.decode(String?.self, 6),
                error: try row.decode(String?.self, 7), durationSeconds: try row.decode(Int?.self, 8), hasTimes: try row.decode(Bool.self, 9))
        }
    }

    /// Every job row of both tables as JSON text, for grepping.
    func jobRowTexts() async throws -> [String] {
        try await connection.query("""
            SELECT row_to_json(r)::text FROM job_runs r UNION ALL SELECT row_to_json(b)::text FROM job_batches b
            """).map { try $0.decode(String.self, 0) }
    }

    /// `(subject, payload_sha256)` of a run's device events, in `seq` order.
    func payloadHashes(runID: UUID) async throws -> [(subject: String?, sha256: [UInt8])] {
        try await events(runID: runID).filter { $0.eventType == LedgerEventType.deviceObserved }.map { ($0.subject, $0.payloadSHA256) }
    }
}
