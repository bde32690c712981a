import Foundation
import InventoryRules
import Ledger
import PostgresClient

/// Applies the runs completed in one seq range to the chosen projections, inside the caller's
/// transaction. Every write replaces what a day's previous state had put there, so applying a
/// range twice, or in several batches, or all at once, gives the same tables.
struct ProjectionBatch {
    let session: PostgresSession
    let scope: ProjectionScope
    let projections: Set<ProjectionName>
    let codes: ReferenceCodes
    let rules: ProjectionRules
    let rows: RunRowCache
    /// For a full rebuild: the effective runs as of this seq (the rebuild's head), so each day is
    /// projected once, from its final run, and superseded runs are never decoded.
    var effectiveAsOf: Int64? = nil
    /// The device identities read and written by this batch's days.
    let identities = DeviceIdentityMap()
    /// When the batch folds the exception episodes from the stored findings.
    var episodeFolding = EpisodeFolding.asNeeded

    enum EpisodeFolding {
        /// When the batch changed findings or resolutions (catch-up, and every batch alone).
        case asNeeded
        /// Never: a later batch, or the caller, folds once all findings are stored (a rebuild's
        /// or a replay's batches before the last; each fold rewrites the whole table).
        case deferred
        /// Always, whatever the batch changed: the last batch of a deferred sequence.
        case always
    }

    struct Outcome {
        var daysApplied = 0
        var decodedEvents = 0
    }

    /// - Parameters:
    ///   - range: completions and resolutions with `seq` in this range are applied.
    func apply(range: ClosedRange<Int64>) throws -> Outcome {
        var bounded = scope
        bounded.maxSeq = range.upperBound
        let completions = try session.query("""
            SELECT DISTINCT e.vendor_id, e.observed_on FROM ledger_event e
            WHERE e.event_type = 'collection_completed' AND e.vendor_id IS NOT NULL AND e.observed_on IS NOT NULL
              AND e.seq BETWEEN \(Int(range.lowerBound)) AND \(Int(range.upperBound)) AND \(bounded.ledgerBound())
              AND \(bounded.projectedDays())
            ORDER BY e.observed_on, e.vendor_id
            """).map { (vendor: try $0.decode(Int.self, 0), date: try $0.decode(CalendarDate.self, 1)) }
        let resolutions = try session.query("""
            SELECT count(*) FROM ledger_event e WHERE e.event_type = 'exception_resolved'
              AND e.seq BETWEEN \(Int(range.lowerBound)) AND \(Int(range.upperBound)) AND \(bounded.ledgerBound())
            """)[0].decode(Int.self, 0)
        let aliasChanges = try session.query("""
            SELECT count(*) FROM ledger_event e WHERE e.event_type = ANY(\(PostgresArray(SiteAliasEvent.types))::text[])
              AND e.seq BETWEEN \(Int(range.lowerBound)) AND \(Int(range.upperBound)) AND \(bounded.ledgerBound())
            """)[0].decode(Int.self, 0)
        var outcome = Outcome()
        if aliasChanges > 0, projections.contains(.siteAlias) {
            try SiteAliasProjector(session: session, scope: bounded).apply(range: range)
        }
        guard !completions.isEmpty || resolutions > 0 || aliasChanges > 0 else { return outcome }
        var timer = PhaseTimer()

        var effectiveScope = bounded
        if let effectiveAsOf { effectiveScope.maxSeq = effectiveAsOf }
        let effective = try EffectiveRunIndex.load(session: session, scope: effectiveScope)
        // The aliases in force at the end of what this batch may see: a rebuild evaluates every
        // day with those of its head, catch-up re-evaluates every day when an alias changes.
        let aliases = try SiteAliases.load(session: session, scope: effectiveScope)
        let siteTable: PostgresQuery = projections.contains(.deviceSnapshot) ? bounded.table("site") : "public.site"
        let snapshotSchema = projections.contains(.deviceSnapshot) ? bounded.schema : "public"
        var comparedDays = Set<CalendarDate>()
        let runs = completions.compactMap { vendor, date in
            effective.run(vendorID: vendor, date: date).flatMap { range.contains($0.completedSeq) ? $0 : nil }
        }
        // device_snapshot and daily_counts need each run's rows; the change log and the
        // exceptions ask for them themselves (the change log may find them stored).
        let needsRows = projections.contains(.deviceSnapshot) || projections.contains(.dailyCounts)
        let exceptions = ExceptionsProjector(session: session, scope: bounded, rows: rows, aliases: aliases, rules: rules)
        // A day's exception rules, started as soon as both vendors' rows are decoded.
        var startedFindings: [CalendarDate: BackgroundWork<ExceptionsProjector.EvaluatedDay>] = [:]
        // The days whose findings are written already, with what `evaluateDay` returned.
        var writtenFindings: [CalendarDate: [ExceptionFinding]?] = [:]
        let changeLogWrites = ChangeLogWrites()
        for (index, run) in runs.enumerated() {
            let vendor = run.vendorID
            let date = run.date
            let dayRows = needsRows ? try rows.rows(of: run) : []
            // The next runs are decoded on the spare core while this one is written: two ahead,
            // so one is being mapped while the session fetches the other.
            if needsRows {
                for next in runs[(index + 1)..<min(index + 3, runs.count)] { try rows.prefetch(next) }
            }
            if needsRows, projections.contains(.exceptions), startedFindings[date] == nil {
                startedFindings[date] = exceptions.startEvaluating(date, effective: effective)
            }
            timer.lap("decode \(vendor) \(date)")
            if projections.contains(.deviceSnapshot) {
                try DeviceSnapshotProjector(session: session, scope: bounded, codes: codes, identities: identities)
                    .replaceDay(run, rows: dayRows, eventSeqs: try rows.eventSeqs(of: run))
                timer.lap("device_snapshot \(vendor)")
            }
            if projections.contains(.dailyCounts) {
                try DailyCountsProjector(session: session, scope: bounded, codes: codes, siteTable: siteTable)
                    .replaceDay(run, rows: dayRows, effective: effective)
                timer.lap("daily_counts \(vendor)")
            }
            if projections.contains(.changeLog) {
                try ChangeLogProjector(session: session, scope: bounded, rows: rows, snapshotSchema: snapshotSchema, writes: changeLogWrites)
                    .replaceDay(run, effective: effective, recomputeNext: effectiveAsOf == nil)
                timer.lap("change_log \(vendor)")
            }
            comparedDays.insert(date)
            outcome.daysApplied += 1
            // An earlier day's findings, whose rules ran beside this run's writes, are written
            // now, while the next run is mapped on the spare core, not all at the end.
            for (day, started) in startedFindings where day < date && writtenFindings[day] == nil {
                writtenFindings[day] = .some(try exceptions.evaluateDay(day, effective: effective, started: started))
                timer.lap("exception findings \(day)")
            }
        }
        try changeLogWrites.flush(session: session, scope: bounded)
        if projections.contains(.deviceSnapshot) {
            try identities.flush(table: bounded.table("device_identity"), session: session)
            timer.lap("device_identity dates")
        }
        if projections.contains(.exceptions) {
            var evaluated: [(CalendarDate, [ExceptionFinding]?)] = []
            if aliasChanges > 0 {
                // An alias is a matching fact, not a dated observation: every compared day is
                // evaluated again with the aliases in force now, as a rebuild would.
                comparedDays.formUnion(effective.comparedDates.filter { scope.dateRange?.contains($0) ?? true })
            }
            let dates = comparedDays.sorted()
            for (index, date) in dates.enumerated() {
                if let written = writtenFindings[date] {
                    evaluated.append((date, written))
                    continue
                }
                let findings = try exceptions.evaluateDay(date, effective: effective, started: startedFindings[date]) {
                    // The next day's runs are mapped on the spare core while this day's rules run.
                    guard index + 1 < dates.count else { return }
                    for vendor in [Vendor.ninja, .threatLocker] {
                        if let next = effective.run(vendorID: vendor.rawValue, date: dates[index + 1]) { try rows.prefetch(next) }
                    }
                }
                evaluated.append((date, findings))
            }
            timer.lap("exception findings")
            // The nightly case (one new latest day, no resolution) advances the stored episodes;
            // anything else refolds the whole history.
            let retainFrom = retentionStart(effective)
            var settled = false
            if effectiveAsOf == nil, resolutions == 0, aliasChanges == 0, evaluated.count == 1 {
                if let findings = evaluated[0].1 {
                    if try !wasCompared(evaluated[0].0, before: range.lowerBound, bound: bounded) {
                        settled = try exceptions.advance(to: evaluated[0].0, findings: findings, retainFrom: retainFrom)
                    }
                } else {
                    settled = true  // only one vendor so far: not a compared day, no episode changes
                }
            }
            switch episodeFolding {
            case .asNeeded:
                if !settled, !evaluated.isEmpty || resolutions > 0 || aliasChanges > 0 { try exceptions.refold(retainFrom: retainFrom) }
            case .deferred: break
            case .always: try exceptions.refold(retainFrom: retainFrom)
            }
            timer.lap("exception episodes")
        }
        try prune(effective)
        timer.lap("retention")
        outcome.decodedEvents = rows.decodedEvents
        return outcome
    }

    /// Whether both vendors had completed a run for `date` before `seq` (so its episodes were
    /// already advanced once, and a new run for it is a correction that needs a refold).
    private func wasCompared(_ date: CalendarDate, before seq: Int64, bound: ProjectionScope) throws -> Bool {
        try session.query("""
            SELECT count(DISTINCT e.vendor_id) FROM ledger_event e
            WHERE e.event_type = 'collection_completed' AND e.observed_on = \(date) AND e.seq < \(Int(seq))
              AND e.vendor_id IN (\(Vendor.ninja.rawValue), \(Vendor.threatLocker.rawValue)) AND \(bound.ledgerBound())
            """)[0].decode(Int.self, 0) == 2
    }

    /// The first snapshot date the live daily read models keep: 65 days up to the newest date.
    func retentionStart(_ effective: EffectiveRunIndex) -> CalendarDate? {
        guard let days = scope.retentionDays, let newest = effective.newestDate else { return nil }
        return newest.adding(days: -(days - 1))
    }

    private func prune(_ effective: EffectiveRunIndex) throws {
        guard let start = retentionStart(effective) else { return }
        let daily: [(ProjectionName, String, String)] = [
            (.deviceSnapshot, "device_snapshot", "snapshot_date"), (.dailyCounts, "daily_counts", "snapshot_date"),
            (.changeLog, "change_log", "change_date"),
        ]
        for (projection, table, column) in daily where projections.contains(projection) {
            try session.query("DELETE FROM \(scope.table(table)) WHERE \(identifier: column) < \(start)")
        }
    }
}
