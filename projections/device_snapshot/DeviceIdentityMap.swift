import PostgresClient

/// The `device_identity` rows of each vendor as a batch has read and written them, so the
/// projector resolves `device_snapshot.device_identity_id` and the first/last-seen dates in
/// memory: a day's rows then go straight into `device_snapshot` by `COPY`, and only the
/// identities whose dates move are updated. Lives for one batch (one transaction), in which the
/// projection's advisory lock makes this projector the only writer of the table.
final class DeviceIdentityMap {
    struct Identity {
        let id: Int
        var firstSeen: CalendarDate
        var lastSeen: CalendarDate
    }

    private var byVendor: [Int: [String: Identity]] = [:]

    /// The identities of `vendorID` in `table`, read once per batch.
    func identities(vendorID: Int, table: PostgresQuery, session: PostgresSession) throws -> [String: Identity] {
        if let cached = byVendor[vendorID] { return cached }
        var identities: [String: Identity] = [:]
        for row in try session.query("""
            SELECT vendor_device_key, id, first_seen_date, last_seen_date FROM \(table) WHERE vendor_id = \(vendorID)
            """)
        {
            identities[try row.decode(String.self, 0)] = Identity(
                id: try row.decode(Int.self, 1), firstSeen: try row.decode(CalendarDate.self, 2), lastSeen: try row.decode(CalendarDate.self, 3))
        }
        byVendor[vendorID] = identities
        return identities
    }

    /// Records what the projector has just written for `vendorID`.
    func store(_ identities: [String: Identity], vendorID: Int) { byVendor[vendorID] = identities }

    /// Forgets `vendorID` after a write made in SQL (a superseded run's identities recomputed).
    func invalidate(vendorID: Int) { byVendor[vendorID] = nil }
}
