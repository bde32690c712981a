import PostgresClient

/// The `device_identity` rows of each vendor as a batch has read and written them, so the
/// projector resolves `device_snapshot.device_identity_id` and the first/last-seen dates in
/// memory: a day's rows then go straight into `device_snapshot` by `COPY`, and the dates that
/// moved are written once per batch (`flush`), not once per day. Lives for one batch (one
/// transaction), in which the projection's advisory lock makes this projector the only writer
/// of the table.
final class DeviceIdentityMap {
    struct Identity {
        let id: Int
        var firstSeen: CalendarDate
        var lastSeen: CalendarDate
    }

    private var byVendor: [Int: [String: Identity]] = [:]
    /// Ids of the identities whose dates moved since the last flush, per vendor.
    private var moved: [Int: Set<Int>] = [:]

    /// The identities of `vendorID` in `table`, read once per batch, taken out of the map so the
    /// caller changes the only copy (a copy kept here would make the first change copy every
    /// identity); give them back with `store`. Until then the vendor is read again if asked for.
    func takeIdentities(vendorID: Int, table: PostgresQuery, session: PostgresSession) throws -> [String: Identity] {
        if let cached = byVendor.removeValue(forKey: vendorID) { return cached }
        var identities: [String: Identity] = [:]
        for row in try session.query("""
            SELECT vendor_device_key, id, first_seen_date, last_seen_date FROM \(table) WHERE vendor_id = \(vendorID)
            """)
        {
            identities[try row.decode(String.self, 0)] = Identity(
                id: try row.decode(Int.self, 1), firstSeen: try row.decode(CalendarDate.self, 2), lastSeen: try row.decode(CalendarDate.self, 3))
        }
        return identities
    }

    /// Records what the projector has just worked out for `vendorID`: `movedIDs` are the
    /// identities whose dates changed, written by the next `flush`.
    func store(_ identities: [String: Identity], vendorID: Int, movedIDs: [Int] = []) {
        byVendor[vendorID] = identities
        if !movedIDs.isEmpty { moved[vendorID, default: []].formUnion(movedIDs) }
    }

    /// Writes the first/last-seen dates that moved to `table`: one statement per vendor.
    func flush(table: PostgresQuery, session: PostgresSession) throws {
        for (vendorID, ids) in moved.sorted(by: { $0.key < $1.key }) where !ids.isEmpty {
            guard let identities = byVendor[vendorID] else { continue }
            let rows = identities.values.filter { ids.contains($0.id) }.sorted { $0.id < $1.id }
            try session.query("""
                UPDATE \(table) i SET first_seen_date = m.first_seen, last_seen_date = m.last_seen
                FROM unnest(\(PostgresArray(rows.map { Int64($0.id) }))::int[], \(PostgresArray(rows.map(\.firstSeen.description)))::date[],
                            \(PostgresArray(rows.map(\.lastSeen.description)))::date[]) AS m(id, first_seen, last_seen)
                WHERE i.id = m.id
                """)
        }
        moved = [:]
    }

    /// Forgets `vendorID` after a write made in SQL (a superseded run's identities recomputed);
    /// `flush` first, so the SQL sees the dates worked out so far.
    func invalidate(vendorID: Int) {
        byVendor[vendorID] = nil
        moved[vendorID] = nil
    }
}
