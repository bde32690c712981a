import Foundation
import Ledger
import PostgresClient

/// Runs projections over the ledger: catch-up of the live read models, rebuilds into shadow
/// tables, and replays into scratch schemas all go through `ProjectionBatch`.
public struct ProjectionEngine {
    let session: PostgresSession
    let rules: ProjectionRules

    public init(session: PostgresSession, rules: ProjectionRules = .standard) {
        self.session = session
        self.rules = rules
    }

    public struct CatchUpReport: Sendable {
        public var projections: [ProjectionName] = []
        public var fromSeq: Int64 = 0
        public var toSeq: Int64 = 0
        public var batches = 0
        public var daysApplied = 0
        public var decodedEvents = 0
        public var seconds = 0.0
    }

    /// `selected` plus what it needs (daily_counts reads device_snapshot's sites).
    static func withPrerequisites(_ selected: [ProjectionName]) -> [ProjectionName] {
        Set(selected + selected.flatMap(\.prerequisites)).sorted()
    }

    /// Applies the events after each projection's checkpoint, a batch of runs per transaction;
    /// read-model writes and the new checkpoint commit together, so a projector killed at any
    /// point resumes from the last committed batch. Refuses a projection whose stored version
    /// differs from the code's.
    public func catchUp(
        _ selected: [ProjectionName] = ProjectionName.allCases, runsPerBatch: Int = 20,
        progress: (_ done: Int64, _ total: Int64) throws -> Void = { _, _ in }
    ) throws -> CatchUpReport {
        let started = Date()
        let projections = Self.withPrerequisites(selected)
        var report = CatchUpReport(projections: projections)
        let codes = try ReferenceCodes.load(session: session)
        var first = true
        while true {
            let batchStarted = Date()
            let done: Bool = try session.transaction {
                let checkpoints = ProjectionCheckpoints(session: session)
                for projection in projections { try session.lockForTransaction(ProjectionCheckpoints.lockKey(projection)) }
                let entries = try projections.map { try checkpoints.entry($0) }
                for entry in entries where entry.version != entry.projection.version {
                    throw ProjectionError.versionMismatch(projection: entry.projection.rawValue, stored: entry.version, code: entry.projection.version)
                }
                let from = entries.map(\.lastSeq).min() ?? 0
                let head = try Ledger(session: session).headSeq()
                if first {
                    report.fromSeq = from
                    first = false
                }
                report.toSeq = head
                guard from < head else { return true }
                let end = try batchEnd(after: from, head: head, runs: runsPerBatch)
                let behind = Set(entries.filter { $0.lastSeq < end }.map(\.projection))
                let batch = ProjectionBatch(
                    session: session, scope: ProjectionScope(schema: "public", maxSeq: end), projections: behind,
                    codes: codes, rules: rules, rows: RunRowCache(session: session, for: behind))
                let outcome = try batch.apply(range: (from + 1)...end)
                for projection in behind {
                    try checkpoints.advance(projection, to: end, seconds: Date().timeIntervalSince(batchStarted))
                }
                report.batches += 1
                report.daysApplied += outcome.daysApplied
                report.decodedEvents += outcome.decodedEvents
                // Inside the transaction: a progress callback that throws cancels this batch.
                try progress(end - report.fromSeq, head - report.fromSeq)
                return end >= head
            }
            if done { break }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The seq closing a batch of `runs` completed runs (or resolutions) after `seq`.
    func batchEnd(after seq: Int64, head: Int64, runs: Int) throws -> Int64 {
        let row = try session.query("""
            SELECT seq FROM ledger_event
            WHERE event_type IN ('collection_completed', 'exception_resolved', 'site_alias_set', 'site_alias_removed') AND seq > \(Int(seq))
            ORDER BY seq LIMIT 1 OFFSET \(max(runs, 1) - 1)
            """).first
        return try row.map { Int64(try $0.decode(Int.self, 0)) } ?? head
    }
}
