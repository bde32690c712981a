import Foundation
import Ledger
import Migrations
import PostgresClient

extension ProjectionEngine {
    public struct RebuildReport: Sendable {
        public var projections: [ProjectionName] = []
        public var headSeq: Int64 = 0
        public var eventsInLedger: Int64 = 0
        public var daysProjected = 0
        public var decodedEvents = 0
        public var seconds = 0.0
        /// What the swap changed in the live tables, per table and day.
        public var changes: [ReadModelDigest.DayDiff] = []
    }

    /// Projections that must be rebuilt with `selected`: new site ids invalidate daily_counts.
    static func withDependents(_ selected: [ProjectionName]) -> [ProjectionName] {
        Set(selected + (selected.contains(.deviceSnapshot) ? [.dailyCounts] : [])).sorted()
    }

    /// Recomputes `selected` from the whole ledger into shadow tables made from the same DDL,
    /// reports the per-day differences with the live tables, then swaps the shadow tables in
    /// one transaction (readers see the old tables or the new ones, never a mix) and catches
    /// up anything appended meanwhile.
    public func rebuild(
        _ selected: [ProjectionName] = ProjectionName.allCases, runsPerBatch: Int = 50,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> RebuildReport {
        let started = Date()
        let projections = Self.withDependents(selected)
        var report = RebuildReport(projections: projections)
        let shadow = "inventory_rebuild_\(session.backendPID)"
        let schema = try ReadModelSchema.bundled()
        try session.execute("DROP SCHEMA IF EXISTS \(PostgresQuery.quoteIdentifier(shadow)) CASCADE")
        try session.transaction {
            try session.execute("CREATE SCHEMA \(PostgresQuery.quoteIdentifier(shadow))")
            try schema.create(in: shadow, readModels: projections.map(\.rawValue), session: session)
        }
        let live = try liveSummaries(of: projections, columnsFrom: shadow)
        do {
            var timer = PhaseTimer()
            let deferred = try DeferredIndexes.drop(in: shadow, session: session)
            let head = try Ledger(session: session).headSeq()
            report.headSeq = head
            report.eventsInLedger = head
            let outcome = try project(
                into: ProjectionScope(schema: shadow, maxSeq: head), projections: Set(projections), runsPerBatch: runsPerBatch,
                progress: progress)
            report.daysProjected = outcome.daysApplied
            report.decodedEvents = outcome.decodedEvents
            timer.lap("rebuild: projected")
            try deferred.create(session: session)
            timer.lap("rebuild: indexes, keys, analyze")
            let sites = projections.contains(.deviceSnapshot) ? shadow : "public"
            // The live side as read beside the load, unless a catch-up has moved a live
            // checkpoint since (then it is read again here).
            let snapshot = try? live.wait()
            let liveDays = try snapshot.flatMap { try $0.checkpoints == ProjectionCheckpoints.lastSeqs(session: session) ? $0.days : nil }
            timer.lap("  diff: live tables read beside the load \(liveDays == nil ? "(not used)" : "")")
            for projection in projections {
                for table in projection.tables {
                    report.changes += try ReadModelDigest.diff(
                        table: table, new: (shadow, sites), old: ("public", "public"), oldSummaries: liveDays?[table], session: session)
                    timer.lap("  diff: \(table)")
                }
            }
            try swap(projections, from: shadow, head: head, seconds: Date().timeIntervalSince(started))
            timer.lap("rebuild: swap")
        } catch {
            _ = try? live.wait()  // its connection is closed before this returns
            _ = try? session.execute("DROP SCHEMA IF EXISTS \(PostgresQuery.quoteIdentifier(shadow)) CASCADE")
            throw error
        }
        _ = try catchUp(projections)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Starts reading the day summaries of the live tables of `projections` for the diff, on a
    /// second connection, in one snapshot, with the row columns of the shadow tables in
    /// `shadow`: it runs beside the load, in the time the cores would otherwise idle (without
    /// parallel workers, so it takes one core at most). A failure there only means the diff
    /// reads them itself.
    private func liveSummaries(of projections: [ProjectionName], columnsFrom shadow: String) throws -> BackgroundWork<ReadModelDigest.SummariesSnapshot> {
        let tables = projections.flatMap(\.tables)
        var columns: [String: [String]] = [:]
        for table in tables { columns[table] = try ReadModelDigest.hashedColumns(table, schema: shadow, session: session) }
        let conninfo = session.conninfo
        return BackgroundWork { [columns] in
            let reader = try PostgresSession(conninfo: conninfo)
            try reader.execute("SET max_parallel_workers_per_gather = 0")
            return try ReadModelDigest.summaries(of: tables, in: "public", columns: columns, session: reader)
        }
    }

    /// Projects every effective run up to `scope.maxSeq` into `scope.schema`, a batch of runs per
    /// transaction, each day once from its final run. The exception episodes are folded once,
    /// by the last batch, from every stored finding; with `foldsEpisodes` false not at all (the
    /// caller folds them its own way).
    func project(
        into scope: ProjectionScope, projections: Set<ProjectionName>, runsPerBatch: Int, foldsEpisodes: Bool = true,
        progress: (_ done: Int, _ total: Int) -> Void
    ) throws -> ProjectionBatch.Outcome {
        let codes = try ReferenceCodes.load(session: session)
        let boundaries = try session.query("""
            SELECT e.seq FROM ledger_event e
            WHERE ((e.event_type = 'collection_completed' AND \(scope.projectedDays())) OR e.event_type IN ('exception_resolved', 'site_alias_set', 'site_alias_removed'))
              AND \(scope.ledgerBound())
            ORDER BY e.seq
            """).map { Int64(try $0.decode(Int.self, 0)) }
        var total = ProjectionBatch.Outcome()
        var from: Int64 = 0
        var index = 0
        while index < boundaries.count {
            let end = boundaries[min(index + runsPerBatch, boundaries.count) - 1]
            let outcome = try session.transaction {
                var batch = ProjectionBatch(
                    session: session, scope: scope, projections: projections, codes: codes,
                    rules: rules, rows: RunRowCache(session: session, for: projections))
                batch.effectiveAsOf = scope.maxSeq
                let isLast = index + runsPerBatch >= boundaries.count
                batch.episodeFolding = foldsEpisodes && isLast ? .always : .deferred
                return try batch.apply(range: (from + 1)...end)
            }
            total.daysApplied += outcome.daysApplied
            total.decodedEvents += outcome.decodedEvents
            index += runsPerBatch
            from = end
            progress(min(index, boundaries.count), boundaries.count)
        }
        return total
    }

    /// Replaces the live tables of `projections` by the shadow ones in one transaction.
    private func swap(_ projections: [ProjectionName], from shadow: String, head: Int64, seconds: Double) throws {
        let quotedShadow = PostgresQuery.quoteIdentifier(shadow)
        let schema = try ReadModelSchema.bundled()
        try session.transaction {
            for projection in projections { try session.lockForTransaction(ProjectionCheckpoints.lockKey(projection)) }
            for projection in projections.reversed() {
                for table in projection.tables.reversed() { try session.execute("DROP TABLE IF EXISTS public.\(table)") }
            }
            let roles = Set(try session.query("SELECT rolname::text FROM pg_roles WHERE rolname LIKE 'inventory_%'").map { try $0.decode(String.self, 0) })
            for projection in projections {
                for table in projection.tables {
                    try session.execute("ALTER TABLE \(quotedShadow).\(table) SET SCHEMA public")
                    if roles.contains("inventory_projector") {
                        try session.execute("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON public.\(table) TO inventory_projector")
                    }
                    if roles.contains("inventory_auditor") { try session.execute("GRANT SELECT ON public.\(table) TO inventory_auditor") }
                }
                try ProjectionCheckpoints(session: session).reset(projection, to: head, seconds: seconds)
                if let file = schema.file(projection.rawValue) {
                    try session.query("""
                        INSERT INTO read_model_schema (read_model, checksum) VALUES (\(projection.rawValue), \(file.checksum))
                        ON CONFLICT (read_model) DO UPDATE SET checksum = EXCLUDED.checksum, installed_at = now()
                        """)
                }
            }
            try session.execute("DROP SCHEMA \(quotedShadow) CASCADE")
        }
    }
}
