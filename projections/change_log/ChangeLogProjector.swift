import InventoryJSON
import InventoryRules
import PostgresClient

/// Writes `change_log` for one vendor and date: each metric against the vendor's previous
/// snapshot date (0 on its first date). A new or replaced day also changes the next date's
/// comparison, so that date is recomputed too.
struct ChangeLogProjector {
    let session: PostgresSession
    let scope: ProjectionScope
    let rows: RunRowCache

    /// - Parameter recomputeNext: false in a rebuild, where every date is projected against the
    ///   final runs anyway.
    func replaceDay(_ run: EffectiveRun, effective: EffectiveRunIndex, recomputeNext: Bool) throws {
        try recompute(vendorID: run.vendorID, date: run.date, effective: effective)
        if recomputeNext, let next = effective.nextDate(vendorID: run.vendorID, after: run.date) {
            try recompute(vendorID: run.vendorID, date: next, effective: effective)
        }
    }

    private func recompute(vendorID: Int, date: CalendarDate, effective: EffectiveRunIndex) throws {
        guard let current = effective.run(vendorID: vendorID, date: date) else { return }
        let previous = try effective.previousDate(vendorID: vendorID, before: date)
            .flatMap { effective.run(vendorID: vendorID, date: $0) }
            .map { try rows.rows(of: $0) }
        let entries = ChangeMetrics.compute(previous: previous, current: try rows.rows(of: current))
        try session.query("DELETE FROM \(unescaped: scope.table("change_log")) WHERE change_date = \(date) AND vendor_id = \(vendorID)")
        try session.copyIn("COPY \(scope.table("change_log")) (change_date, vendor_id, metric, prev_value, new_value, delta, details) FROM STDIN") { writer in
            for entry in entries {
                writer.appendText(date.description)
                writer.appendInt(vendorID)
                writer.appendText(entry.metric.rawValue)
                writer.appendInt(entry.prevValue)
                writer.appendInt(entry.newValue)
                writer.appendInt(entry.delta)
                writer.appendText(CanonicalJSONWriter.string(entry.details))
                try writer.endRow()
            }
        }
    }
}
