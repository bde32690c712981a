import Foundation
import InventoryRules
import PostgresClient

/// Writes `site`, `device_identity`, `device_snapshot` and `projection_effective_run` for one
/// vendor and date: the day's rows replace whatever the superseded run had put there.
struct DeviceSnapshotProjector {
    let session: PostgresSession
    let scope: ProjectionScope
    let codes: ReferenceCodes

    /// Rows with no vendor organization count under this site key of their vendor.
    static let noSiteKey = ""
    static let noSiteName = "(no organization)"

    func replaceDay(_ run: EffectiveRun, rows: [DeviceSnapshotRow], eventSeqs: [Int64]) throws {
        let vendor = run.vendorID
        let day = run.date
        let previous = try session.query("""
            SELECT run_id FROM \(scope.table("projection_effective_run")) WHERE vendor_id = \(vendor) AND observed_on = \(day)
            """).first.map { try $0.decode(UUID.self, 0) }
        if previous == run.runID { return }

        try stage(rows, eventSeqs: eventSeqs)
        let newest = try session.query("""
            SELECT max(observed_on) FROM \(scope.table("projection_effective_run")) WHERE vendor_id = \(vendor)
            """)[0].decode(CalendarDate?.self, 0)
        let isNewest = newest.map { day >= $0 } ?? true
        try insertNewSites(vendor: vendor, rows: rows)
        try session.query("""
            INSERT INTO \(scope.table("site")) AS s (vendor_id, vendor_site_key, name)
            SELECT DISTINCT ON (site_key) \(vendor), site_key, site_name FROM pg_temp.staging_device_snapshot ORDER BY site_key, site_name
            ON CONFLICT (vendor_id, vendor_site_key) DO UPDATE SET name = EXCLUDED.name
            WHERE \(isNewest) AND s.name IS DISTINCT FROM EXCLUDED.name
            """)
        // A new identity's id is the seq of its first observation anywhere in the ledger (see
        // SurrogateIDs); only devices without a row yet are looked up.
        try session.query("""
            INSERT INTO \(scope.table("device_identity")) (id, vendor_id, vendor_device_key, first_seen_date, last_seen_date)
            SELECT (SELECT min(e.seq) FROM ledger_event e
                    WHERE e.event_type = 'device_observed' AND e.vendor_id = \(vendor) AND e.subject = s.vendor_device_key
                      AND \(scope.observationBound())),
                   \(vendor), s.vendor_device_key, \(day), \(day)
            FROM pg_temp.staging_device_snapshot s
            WHERE NOT EXISTS (
                SELECT 1 FROM \(scope.table("device_identity")) i WHERE i.vendor_id = \(vendor) AND i.vendor_device_key = s.vendor_device_key)
            ORDER BY s.vendor_device_key
            """)
        try session.query("""
            UPDATE \(scope.table("device_identity")) i
            SET first_seen_date = least(i.first_seen_date, \(day)), last_seen_date = greatest(i.last_seen_date, \(day))
            FROM pg_temp.staging_device_snapshot s
            WHERE i.vendor_id = \(vendor) AND i.vendor_device_key = s.vendor_device_key
              AND (i.first_seen_date > \(day) OR i.last_seen_date < \(day))
            """)
        try session.query("DELETE FROM \(scope.table("device_snapshot")) WHERE snapshot_date = \(day) AND vendor_id = \(vendor)")
        try session.query("""
            INSERT INTO \(scope.table("device_snapshot"))
                (id, snapshot_date, vendor_id, device_identity_id, site_id, device_type_id, billing_status_id, created_at, \(identifiers: DeviceSnapshotColumns.names))
            SELECT s.ledger_seq, \(day), \(vendor), i.id, site.id, s.device_type_id, s.billing_status_id, \(run.recordedAt), \(identifiers: DeviceSnapshotColumns.names, qualifier: "s")
            FROM pg_temp.staging_device_snapshot s
            JOIN \(scope.table("device_identity")) i ON i.vendor_id = \(vendor) AND i.vendor_device_key = s.vendor_device_key
            JOIN \(scope.table("site")) site ON site.vendor_id = \(vendor) AND site.vendor_site_key = s.site_key
            ORDER BY s.vendor_device_key
            """)
        try session.query("""
            INSERT INTO \(scope.table("projection_effective_run")) (vendor_id, observed_on, run_id, completed_seq)
            VALUES (\(vendor), \(day), \(run.runID), \(Int(run.completedSeq)))
            ON CONFLICT (vendor_id, observed_on) DO UPDATE SET run_id = EXCLUDED.run_id, completed_seq = EXCLUDED.completed_seq
            """)
        if let previous {
            try recomputeIdentities(vendor: vendor, removedFrom: previous, keeping: Set(rows.map(\.vendorDeviceKey)))
        }
    }

    /// Inserts the sites of `rows` that have no row yet, with the ids `SurrogateIDs` derives from
    /// their vendor and key (names are set by the upsert that follows).
    private func insertNewSites(vendor: Int, rows: [DeviceSnapshotRow]) throws {
        var taken = Set<Int>()
        var known = Set<String>()
        for row in try session.query("SELECT id, vendor_id, vendor_site_key FROM \(scope.table("site"))") {
            taken.insert(try row.decode(Int.self, 0))
            if try row.decode(Int.self, 1) == vendor { known.insert(try row.decode(String.self, 2)) }
        }
        var names: [String: String] = [:]
        for row in rows {
            let key = Self.siteKey(row)
            if known.contains(key) { continue }
            let name = Self.siteName(row)
            if let existing = names[key], existing <= name { continue }
            names[key] = name
        }
        guard !names.isEmpty else { return }
        var ids: [Int64] = []
        var keys: [String] = []
        var siteNames: [String] = []
        for key in names.keys.sorted() {
            let id = SurrogateIDs.siteID(vendorID: vendor, siteKey: key, taken: taken)
            taken.insert(id)
            ids.append(Int64(id))
            keys.append(key)
            siteNames.append(names[key]!)
        }
        try session.query("""
            INSERT INTO \(scope.table("site")) (id, vendor_id, vendor_site_key, name)
            SELECT n.id, \(vendor), n.key, n.name FROM unnest(\(PostgresArray(ids))::int[], \(PostgresArray(keys))::text[], \(PostgresArray(siteNames))::text[]) AS n(id, key, name)
            """)
    }

    static func siteKey(_ row: DeviceSnapshotRow) -> String { String((row.siteKey ?? noSiteKey).prefix(255)) }
    static func siteName(_ row: DeviceSnapshotRow) -> String { String((row.siteName ?? row.siteKey ?? noSiteName).prefix(255)) }

    /// Devices of the superseded run that the new run lacks may have had this day as their
    /// first or last seen date: recompute those from the effective runs that remain.
    private func recomputeIdentities(vendor: Int, removedFrom previous: UUID, keeping current: Set<String>) throws {
        let oldKeys = try session.query("""
            SELECT DISTINCT subject FROM ledger_event WHERE run_id = \(previous) AND event_type = 'device_observed' AND subject IS NOT NULL
            """).map { try $0.decode(String.self, 0) }
        let removed = oldKeys.filter { !current.contains($0) }
        guard !removed.isEmpty else { return }
        let keys = PostgresArray(removed)
        try session.query("""
            WITH seen AS (
                SELECT e.subject AS key, min(r.observed_on) AS first_seen, max(r.observed_on) AS last_seen
                FROM \(scope.table("projection_effective_run")) r
                JOIN ledger_event e ON e.run_id = r.run_id AND e.event_type = 'device_observed'
                WHERE r.vendor_id = \(vendor) AND e.subject = ANY(\(keys)::text[])
                GROUP BY e.subject
            )
            UPDATE \(scope.table("device_identity")) i SET first_seen_date = seen.first_seen, last_seen_date = seen.last_seen
            FROM seen WHERE i.vendor_id = \(vendor) AND i.vendor_device_key = seen.key
            """)
        try session.query("""
            DELETE FROM \(scope.table("device_identity")) i
            WHERE i.vendor_id = \(vendor) AND i.vendor_device_key = ANY(\(keys)::text[])
              AND NOT EXISTS (
                SELECT 1 FROM \(scope.table("projection_effective_run")) r
                JOIN ledger_event e ON e.run_id = r.run_id AND e.event_type = 'device_observed'
                WHERE r.vendor_id = \(vendor) AND e.subject = i.vendor_device_key)
              AND NOT EXISTS (SELECT 1 FROM \(scope.table("device_snapshot")) d WHERE d.device_identity_id = i.id)
            """)
    }

    private func stage(_ rows: [DeviceSnapshotRow], eventSeqs: [Int64]) throws {
        let payloadColumns = DeviceSnapshotColumns.payload.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        try session.execute("""
            CREATE TEMP TABLE IF NOT EXISTS staging_device_snapshot (
                ledger_seq bigint NOT NULL, vendor_device_key text NOT NULL, site_key text NOT NULL, site_name text NOT NULL,
                device_type_id integer NOT NULL, billing_status_id integer NOT NULL, \(payloadColumns)
            ) ON COMMIT DELETE ROWS;
            TRUNCATE pg_temp.staging_device_snapshot
            """)
        let names = ["ledger_seq", "vendor_device_key", "site_key", "site_name", "device_type_id", "billing_status_id"] + DeviceSnapshotColumns.names
        try session.copyIn("COPY pg_temp.staging_device_snapshot (\(names.joined(separator: ", "))) FROM STDIN") { writer in
            for (row, seq) in zip(rows, eventSeqs) {
                writer.appendInt(Int(seq))
                writer.appendText(String(row.vendorDeviceKey.prefix(255)))
                writer.appendText(Self.siteKey(row))
                writer.appendText(Self.siteName(row))
                writer.appendInt(codes.deviceTypeID(row.deviceType))
                writer.appendInt(codes.billingStatusID(row.billingStatus))
                for (_, _, value) in DeviceSnapshotColumns.payload { DeviceSnapshotColumns.write(value(row), to: writer) }
                try writer.endRow()
            }
        }
    }
}
