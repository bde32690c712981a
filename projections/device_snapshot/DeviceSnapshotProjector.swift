import Foundation
import InventoryRules
import PostgresClient

/// Writes `site`, `device_identity`, `device_snapshot` and `projection_effective_run` for one
/// vendor and date: the day's rows replace whatever the superseded run had put there.
///
/// Identity and site ids are resolved in memory (`DeviceIdentityMap`, the vendor's sites) and
/// the rows go into `device_snapshot` by one `COPY`: no staging table, no join.
struct DeviceSnapshotProjector {
    let session: PostgresSession
    let scope: ProjectionScope
    let codes: ReferenceCodes
    let identities: DeviceIdentityMap

    /// Rows with no vendor organization count under this site key of their vendor.
    static let noSiteKey = ""
    static let noSiteName = "(no organization)"

    func replaceDay(_ run: EffectiveRun, rows: [DeviceSnapshotRow], eventSeqs: [Int64]) throws {
        let vendor = run.vendorID
        let day = run.date
        var timer = PhaseTimer()
        let previous = try session.query("""
            SELECT run_id FROM \(scope.table("projection_effective_run")) WHERE vendor_id = \(vendor) AND observed_on = \(day)
            """).first.map { try $0.decode(UUID.self, 0) }
        if previous == run.runID { return }

        let newest = try session.query("""
            SELECT max(observed_on) FROM \(scope.table("projection_effective_run")) WHERE vendor_id = \(vendor)
            """)[0].decode(CalendarDate?.self, 0)
        let isNewest = newest.map { day >= $0 } ?? true
        timer.lap("  snapshot: previous run")
        let siteIDs = try writeSites(vendor: vendor, rows: rows, isNewest: isNewest)
        timer.lap("  snapshot: sites")
        let keys = rows.map { Self.deviceKey($0) }
        let identityIDs = try writeIdentities(vendor: vendor, day: day, keys: keys)
        timer.lap("  snapshot: identities")
        // Rows of the day exist only with the effective run that wrote them.
        if previous != nil {
            try session.query("DELETE FROM \(scope.table("device_snapshot")) WHERE snapshot_date = \(day) AND vendor_id = \(vendor)")
        }
        timer.lap("  snapshot: delete")
        let fixed = ["id", "snapshot_date", "vendor_id", "device_identity_id", "site_id", "device_type_id", "billing_status_id", "created_at"]
        let columns = fixed + DeviceSnapshotColumns.names
        try session.copyInBinary(
            "COPY \(scope.table("device_snapshot")) (\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary)", fieldCount: columns.count
        ) { writer in
            for index in rows.indices {
                let row = rows[index]
                guard let siteID = siteIDs[Self.siteKey(row)] else { throw ProjectionError.missingSite(vendorID: vendor, siteKey: Self.siteKey(row)) }
                try writer.appendInt32(Int(eventSeqs[index]))
                writer.appendDate(day)
                try writer.appendInt32(vendor)
                try writer.appendInt32(identityIDs[index])
                try writer.appendInt32(siteID)
                try writer.appendInt32(codes.deviceTypeID(row.deviceType))
                try writer.appendInt32(codes.billingStatusID(row.billingStatus))
                writer.appendTimestamp(run.recordedAt)
                for (_, _, value) in DeviceSnapshotColumns.payload { try DeviceSnapshotColumns.write(value(row), to: writer) }
                try writer.endRow()
            }
        }
        timer.lap("  snapshot: copy")
        try session.query("""
            INSERT INTO \(scope.table("projection_effective_run")) (vendor_id, observed_on, run_id, completed_seq)
            VALUES (\(vendor), \(day), \(run.runID), \(Int(run.completedSeq)))
            ON CONFLICT (vendor_id, observed_on) DO UPDATE SET run_id = EXCLUDED.run_id, completed_seq = EXCLUDED.completed_seq
            """)
        if let previous {
            try identities.flush(table: scope.table("device_identity"), session: session)
            try recomputeIdentities(vendor: vendor, removedFrom: previous, keeping: Set(keys))
            identities.invalidate(vendorID: vendor)
        }
    }

    // Each cut to its `varchar(255)` column.
    static func deviceKey(_ row: DeviceSnapshotRow) -> String { DeviceSnapshotColumns.cut(row.vendorDeviceKey, to: 255) }
    static func siteKey(_ row: DeviceSnapshotRow) -> String { DeviceSnapshotColumns.cut(row.siteKey ?? noSiteKey, to: 255) }
    static func siteName(_ row: DeviceSnapshotRow) -> String { DeviceSnapshotColumns.cut(row.siteName ?? row.siteKey ?? noSiteName, to: 255) }
}
