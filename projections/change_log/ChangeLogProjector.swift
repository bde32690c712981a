import Foundation
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
    /// The schema whose `device_snapshot` may already hold the previous date (see `storedRows`).
    let snapshotSchema: String
    /// The days computed and not yet written, shared by the batch's projectors.
    let writes: ChangeLogWrites

    /// - Parameter recomputeNext: false in a rebuild, where every date is projected against the
    ///   final runs anyway.
    func replaceDay(_ run: EffectiveRun, effective: EffectiveRunIndex, recomputeNext: Bool) throws {
        try recompute(vendorID: run.vendorID, date: run.date, effective: effective)
        if recomputeNext, let next = effective.nextDate(vendorID: run.vendorID, after: run.date) {
            try recompute(vendorID: run.vendorID, date: next, effective: effective)
        }
    }

    /// Reads the day's rows (and the previous date's) on the session's thread and computes the
    /// metrics on another; the days computed before are written meanwhile.
    private func recompute(vendorID: Int, date: CalendarDate, effective: EffectiveRunIndex) throws {
        guard let current = effective.run(vendorID: vendorID, date: date) else { return }
        let previous = try effective.previousDate(vendorID: vendorID, before: date)
            .flatMap { effective.run(vendorID: vendorID, date: $0) }
            .map { try dayRows(of: $0) }
        let currentRows = try dayRows(of: current)
        let computed = BackgroundWork {
            ChangeMetrics.compute(previous: previous, current: currentRows).map { ($0, CanonicalJSONWriter.string($0.details)) }
        }
        try writes.flush(session: session, scope: scope)
        writes.append(date: date, vendorID: vendorID, computed)
    }

    /// A run's rows: decoded already, else as `device_snapshot` holds them, else decoded now.
    /// A rebuild of the change log alone thus reads the retained days from the live table and
    /// decodes only the days before them.
    private func dayRows(of run: EffectiveRun) throws -> [DeviceSnapshotRow] {
        try rows.cachedRows(of: run) ?? rows.storedRows(of: run, load: { try storedRows(of: run) }) ?? rows.rows(of: run)
    }

    /// A date's rows as `device_snapshot` holds them, when it holds exactly that run:
    /// the fields the change metrics read (key, site, billing, type, hostname) without decoding
    /// the run's payloads again, which was most of a catch-up's time. Nil when not stored
    /// (pruned, replayed range, or another run), and the run is decoded instead.
    private func storedRows(of run: EffectiveRun) throws -> [DeviceSnapshotRow]? {
        let stored = try session.query("""
            SELECT run_id FROM \(identifier: snapshotSchema).projection_effective_run WHERE vendor_id = \(run.vendorID) AND observed_on = \(run.date)
            """).first.map { try $0.decode(UUID.self, 0) }
        guard stored == run.runID, let vendor = Vendor(rawValue: run.vendorID) else { return nil }
        let result = try session.query("""
            SELECT i.vendor_device_key, s.vendor_site_key, d.organization_name, t.code, b.code, d.hostname
            FROM \(identifier: snapshotSchema).device_snapshot d
            JOIN \(identifier: snapshotSchema).device_identity i ON i.id = d.device_identity_id
            LEFT JOIN \(identifier: snapshotSchema).site s ON s.id = d.site_id
            LEFT JOIN public.device_type t ON t.id = d.device_type_id
            LEFT JOIN public.billing_status b ON b.id = d.billing_status_id
            WHERE d.snapshot_date = \(run.date) AND d.vendor_id = \(run.vendorID)
            """)
        guard !result.isEmpty else { return nil }
        return try result.map { row in
            var device = DeviceSnapshotRow(
                vendor: vendor, vendorDeviceKey: try row.decode(String.self, 0),
                deviceType: DeviceType(rawValue: try row.decode(String?.self, 3) ?? "") ?? .unknown,
                billingStatus: BillingStatus(rawValue: try row.decode(String?.self, 4) ?? "") ?? .unknown)
            let siteKey = try row.decode(String?.self, 1)
            device.siteKey = siteKey == DeviceSnapshotProjector.noSiteKey ? nil : siteKey
            device.siteName = try row.decode(String?.self, 2)
            device.hostname = try row.decode(String?.self, 5)
            return device
        }
    }
}

/// The change-log days of a batch computed on another thread and not yet written, in the order
/// they were computed (a day computed twice is written twice, the later last). The batch writes
/// what is left with `flush` before it ends.
final class ChangeLogWrites {
    private var pending: [(date: CalendarDate, vendorID: Int, entries: BackgroundWork<[(ChangeLogEntry, String)]>)] = []

    func append(date: CalendarDate, vendorID: Int, _ entries: BackgroundWork<[(ChangeLogEntry, String)]>) {
        pending.append((date, vendorID, entries))
    }

    /// Replaces each pending day's rows of `change_log` by its entries.
    func flush(session: PostgresSession, scope: ProjectionScope) throws {
        let days = pending
        pending = []
        for (date, vendorID, work) in days {
            let entries = try work.wait()
            let day = date.description
            try session.query("DELETE FROM \(scope.table("change_log")) WHERE change_date = \(date) AND vendor_id = \(vendorID)")
            try session.copyIn("COPY \(scope.table("change_log")) (change_date, vendor_id, metric, prev_value, new_value, delta, details) FROM STDIN") { writer in
                for (entry, details) in entries {
                    writer.appendText(day)
                    writer.appendInt(vendorID)
                    writer.appendText(entry.metric.rawValue)
                    writer.appendInt(entry.prevValue)
                    writer.appendInt(entry.newValue)
                    writer.appendInt(entry.delta)
                    writer.appendText(details)
                    try writer.endRow()
                }
            }
        }
    }
}
