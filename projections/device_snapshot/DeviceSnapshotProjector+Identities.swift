import Foundation
import PostgresClient

extension DeviceSnapshotProjector {
    /// Inserts the identities of `keys` that have none yet and moves the first/last-seen dates
    /// of those `day` extends, in the batch's identity map; only rows whose dates change are
    /// written, when the batch ends.
    /// - Returns: the identity id of each key, in order.
    func writeIdentities(vendor: Int, day: CalendarDate, keys: [String]) throws -> [Int] {
        let table = scope.table("device_identity")
        var timer = PhaseTimer()
        var map = try identities.takeIdentities(vendorID: vendor, table: table, session: session)
        timer.lap("    identities: read")
        var newKeys = Set<String>()
        var moved: [Int] = []
        // One lookup per key: the identity is changed where it is stored.
        var ids = [Int?](repeating: nil, count: keys.count)
        for (index, key) in keys.enumerated() {
            guard let position = map.index(forKey: key) else {
                newKeys.insert(key)
                continue
            }
            let identity = map.values[position]
            ids[index] = identity.id
            guard identity.firstSeen > day || identity.lastSeen < day else { continue }
            map.values[position].firstSeen = min(identity.firstSeen, day)
            map.values[position].lastSeen = max(identity.lastSeen, day)
            moved.append(identity.id)
        }
        if !newKeys.isEmpty {
            // A new identity's id is the seq of its first observation anywhere in the ledger (see
            // SurrogateIDs): one index descent per new key. New rows go in now, before the day's
            // snapshot rows that refer to them.
            let sorted = newKeys.sorted()
            let firstSeqs = try session.query("""
                SELECT k.key, (SELECT min(e.seq) FROM ledger_event e
                               WHERE e.event_type = 'device_observed' AND e.vendor_id = \(vendor) AND e.subject = k.key
                                 AND \(scope.observationBound()))
                FROM unnest(\(PostgresArray(sorted))::text[]) AS k(key)
                """)
            var ids: [String: Int] = [:]
            for row in firstSeqs { ids[try row.decode(String.self, 0)] = try row.decode(Int?.self, 1) }
            try session.copyIn("COPY \(table) (id, vendor_id, vendor_device_key, first_seen_date, last_seen_date) FROM STDIN") { writer in
                for key in sorted {
                    guard let id = ids[key] else { throw ProjectionError.missingObservation(vendorID: vendor, key: key) }
                    writer.appendInt(id)
                    writer.appendInt(vendor)
                    writer.appendText(key)
                    writer.appendText(day.description)
                    writer.appendText(day.description)
                    try writer.endRow()
                    map[key] = DeviceIdentityMap.Identity(id: id, firstSeen: day, lastSeen: day)
                }
            }
            timer.lap("    identities: new \(newKeys.count)")
        }
        // The moved dates are written when the batch ends (`DeviceIdentityMap.flush`): a
        // rebuild's batch of many days updates each identity once.
        identities.store(map, vendorID: vendor, movedIDs: moved)
        return try keys.indices.map { index in
            if let id = ids[index] { return id }
            guard let identity = map[keys[index]] else { throw ProjectionError.missingObservation(vendorID: vendor, key: keys[index]) }
            return identity.id
        }
    }

    /// Devices of the superseded run that the new run lacks may have had this day as their
    /// first or last seen date: recompute those from the effective runs that remain.
    func recomputeIdentities(vendor: Int, removedFrom previous: UUID, keeping current: Set<String>) throws {
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
}
