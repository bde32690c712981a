import Foundation
import InventoryRules
import Ledger
import Migrations
import PostgresClient

/// Reconstructs read models for a date range from the ledger alone, into a scratch schema,
/// optionally as the system knew them at an earlier time (DESIGN §7).
public struct Replayer {
    public struct Request: Sendable, Hashable {
        public var range: ClosedRange<CalendarDate>
        public var knownAt: Date?
        public var vendorID: Int?
        /// Ignore events after this seq (verify uses the live checkpoint).
        public var maxSeq: Int64?

        public init(range: ClosedRange<CalendarDate>, knownAt: Date? = nil, vendorID: Int? = nil, maxSeq: Int64? = nil) {
            self.range = range
            self.knownAt = knownAt
            self.vendorID = vendorID
            self.maxSeq = maxSeq
        }
    }

    public struct Report: Sendable {
        public var schema: String
        public var request: Request
        /// The highest seq the replay could see.
        public var maxSeq: Int64
        public var rowCounts: [String: Int]
        public var daysProjected: Int
        public var seconds: Double
    }

    let session: PostgresSession
    let rules: ProjectionRules

    public init(session: PostgresSession, rules: ProjectionRules = .standard) {
        self.session = session
        self.rules = rules
    }

    /// Replays into `schema`, which must not exist unless `replace` is set.
    public func replay(
        _ request: Request, into schema: String, replace: Bool = false, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> Report {
        let started = Date()
        let quoted = PostgresQuery.quoteIdentifier(schema)
        let exists = try session.query("SELECT 1 FROM pg_namespace WHERE nspname = \(schema)").first != nil
        if exists {
            guard replace else { throw ReplayError.schemaExists(schema) }
            try session.execute("DROP SCHEMA \(quoted) CASCADE")
        }
        try session.transaction {
            try session.execute("CREATE SCHEMA \(quoted)")
            try ReadModelSchema.bundled().create(in: schema, session: session)
        }
        let deferred = try DeferredIndexes.drop(in: schema, session: session)
        let head = try Ledger(session: session).headSeq()
        let knownSeq = try request.knownAt.map { knownAt in
            Int64(try session.query("SELECT coalesce(max(seq), 0) FROM ledger_event WHERE recorded_at <= \(knownAt)")[0].decode(Int.self, 0))
        } ?? head
        let maxSeq = min(knownSeq, request.maxSeq ?? head)
        let scope = ProjectionScope(
            schema: schema, maxSeq: maxSeq, knownAt: request.knownAt, retentionDays: nil, dateRange: request.range,
            vendorID: request.vendorID)
        let outcome = try ProjectionEngine(session: session, rules: rules).project(
            into: scope, projections: Set(ProjectionName.allCases), runsPerBatch: 50, foldsEpisodes: scope.dateRange == nil, progress: progress)
        try deferred.create(session: session)
        try session.transaction {
            try recomputeIdentities(scope)
            try foldExceptionsAsLive(scope)
        }
        var counts: [String: Int] = [:]
        for table in ProjectionName.allCases.flatMap(\.tables) {
            counts[table] = try session.query("SELECT count(*) FROM \(scope.table(table))")[0].decode(Int.self, 0)
        }
        return Report(
            schema: schema, request: request, maxSeq: maxSeq, rowCounts: counts, daysProjected: outcome.daysApplied,
            seconds: Date().timeIntervalSince(started))
    }

    /// The episodes the live projection held at the range's last day, restricted to those that
    /// held on some day of the range: folded over the findings of every compared day up to the
    /// range's end (days before the range are evaluated from the ledger, not stored), so an
    /// episode that began before the range keeps its `date_found`, and resolutions and clears
    /// are the live ones.
    private func foldExceptionsAsLive(_ scope: ProjectionScope) throws {
        guard let range = scope.dateRange else { return }
        let effective = try EffectiveRunIndex.load(session: session, scope: scope)
        let projector = ExceptionsProjector(
            session: session, scope: scope, rows: RunRowCache(session: session, detail: .comparison), aliases: try SiteAliases.load(session: session, scope: scope),
            rules: rules)
        let earlier = try projector.findings(before: range.lowerBound, effective: effective)
        try projector.refold(retainFrom: nil, earlierDays: earlier, overlapping: range)
    }

    /// First/last-seen dates over every effective run up to the range's end (within the bound),
    /// from the ledger's subjects and run ids only: no payload before the range is decoded.
    private func recomputeIdentities(_ scope: ProjectionScope) throws {
        try session.query("""
            WITH effective AS (
                SELECT DISTINCT ON (e.vendor_id, e.observed_on) e.vendor_id, e.observed_on, e.run_id
                FROM ledger_event e
                WHERE e.event_type = 'collection_completed' AND e.vendor_id IS NOT NULL AND \(scope.ledgerBound())
                ORDER BY e.vendor_id, e.observed_on, e.seq DESC
            ), seen AS (
                SELECT r.vendor_id, d.subject, min(r.observed_on) AS first_seen, max(r.observed_on) AS last_seen
                FROM effective r JOIN ledger_event d ON d.run_id = r.run_id AND d.event_type = 'device_observed'
                GROUP BY r.vendor_id, d.subject
            )
            UPDATE \(scope.table("device_identity")) i SET first_seen_date = seen.first_seen, last_seen_date = seen.last_seen
            FROM seen WHERE i.vendor_id = seen.vendor_id AND i.vendor_device_key = seen.subject
            """)
    }
}

public enum ReplayError: Error, Sendable, CustomStringConvertible {
    case schemaExists(String)
    case directoryNotEmpty(String)
    case invalidRange(String)
    case ledgerCopyBehind(copied: Int64, checkpoint: Int64)

    public var description: String {
        switch self {
        case .schemaExists(let schema): return "schema \(schema) already exists; pass --replace to overwrite it"
        case .directoryNotEmpty(let path): return "directory \(path) is not empty; pass --replace to overwrite it"
        case .invalidRange(let reason): return reason
        case .ledgerCopyBehind(let copied, let checkpoint):
            return "the ledger copy ends at seq \(copied) but the live tables are projected up to seq \(checkpoint) (the server moved on during the copy): run the command again"
        }
    }
}
