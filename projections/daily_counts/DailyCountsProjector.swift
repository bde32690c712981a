import InventoryRules
import PostgresClient

/// Writes `daily_counts` for one vendor and date from the day's rows, and `month_end_counts`
/// when that date is the vendor's last snapshot date of its month.
struct DailyCountsProjector {
    let session: PostgresSession
    let scope: ProjectionScope
    let codes: ReferenceCodes
    /// Where `site` lives: the scope's schema when device_snapshot is projected with it, else live.
    let siteTable: PostgresQuery

    func replaceDay(_ run: EffectiveRun, rows: [DeviceSnapshotRow], effective: EffectiveRunIndex) throws {
        let tally = DailyCountKey.tally(rows)
        var siteIDs: [String: Int] = [:]
        for row in try session.query("SELECT vendor_site_key, id FROM \(siteTable) WHERE vendor_id = \(run.vendorID)") {
            siteIDs[try row.decode(String.self, 0)] = try row.decode(Int.self, 1)
        }
        var counts: [(site: Int, type: Int, billing: Int, count: Int)] = []
        for (key, count) in tally {
            let siteKey = key.siteKey ?? DeviceSnapshotProjector.noSiteKey
            guard let site = siteIDs[siteKey] else {
                throw ProjectionError.missingSite(vendorID: run.vendorID, siteKey: siteKey)
            }
            counts.append((site, codes.deviceTypeID(key.deviceType), codes.billingStatusID(key.billingStatus), count))
        }
        try write(counts, table: "daily_counts", dateColumn: "snapshot_date", date: run.date, vendorID: run.vendorID)
        if let last = effective.lastDateOfMonth(vendorID: run.vendorID, containing: run.date), run.date >= last {
            try write(counts, table: "month_end_counts", dateColumn: "month_end_date", date: run.date.endOfMonth, vendorID: run.vendorID)
        }
    }

    private func write(_ counts: [(site: Int, type: Int, billing: Int, count: Int)], table: String, dateColumn: String, date: CalendarDate, vendorID: Int) throws {
        try session.query("DELETE FROM \(scope.table(table)) WHERE \(identifier: dateColumn) = \(date) AND vendor_id = \(vendorID)")
        guard !counts.isEmpty else { return }
        try session.copyIn("COPY \(scope.table(table)) (\(dateColumn), vendor_id, site_id, device_type_id, billing_status_id, cnt) FROM STDIN") { writer in
            for entry in counts {
                writer.appendText(date.description)
                writer.appendInt(vendorID)
                writer.appendInt(entry.site)
                writer.appendInt(entry.type)
                writer.appendInt(entry.billing)
                writer.appendInt(entry.count)
                try writer.endRow()
            }
        }
    }
}
