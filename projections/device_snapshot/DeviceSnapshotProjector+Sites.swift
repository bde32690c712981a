import InventoryRules
import PostgresClient

extension DeviceSnapshotProjector {
    /// Inserts the sites of `rows` that have no row yet, with the ids `SurrogateIDs` derives from
    /// their vendor and key, and on the vendor's newest day gives each site of the day its name
    /// (the first in the database's order when the day's rows disagree).
    /// - Returns: the vendor's site ids by site key.
    func writeSites(vendor: Int, rows: [DeviceSnapshotRow], isNewest: Bool) throws -> [String: Int] {
        var taken = Set<Int>()
        var known: [String: Int] = [:]
        for row in try session.query("SELECT id, vendor_id, vendor_site_key FROM \(scope.table("site"))") {
            let id = try row.decode(Int.self, 0)
            taken.insert(id)
            if try row.decode(Int.self, 1) == vendor { known[try row.decode(String.self, 2)] = id }
        }
        var newNames: [String: String] = [:]
        var dayNames: [String: Set<String>] = [:]
        for row in rows {
            let key = Self.siteKey(row)
            let name = Self.siteName(row)
            dayNames[key, default: []].insert(name)
            if known[key] != nil { continue }
            if let existing = newNames[key], existing <= name { continue }
            newNames[key] = name
        }
        if !newNames.isEmpty {
            var ids: [Int64] = []
            var keys: [String] = []
            var names: [String] = []
            for key in newNames.keys.sorted() {
                let id = SurrogateIDs.siteID(vendorID: vendor, siteKey: key, taken: taken)
                taken.insert(id)
                known[key] = id
                ids.append(Int64(id))
                keys.append(key)
                names.append(newNames[key]!)
            }
            try session.query("""
                INSERT INTO \(scope.table("site")) (id, vendor_id, vendor_site_key, name)
                SELECT n.id, \(vendor), n.key, n.name FROM unnest(\(PostgresArray(ids))::int[], \(PostgresArray(keys))::text[], \(PostgresArray(names))::text[]) AS n(id, key, name)
                """)
        }
        if isNewest, !dayNames.isEmpty {
            // The distinct (key, name) pairs of the day, a few per site: which name wins is left
            // to the database's collation, as names are ordered everywhere else.
            let pairs = dayNames.flatMap { key, names in names.map { (key, $0) } }
            try session.query("""
                INSERT INTO \(scope.table("site")) AS s (vendor_id, vendor_site_key, name)
                SELECT DISTINCT ON (p.key) \(vendor), p.key, p.name
                FROM unnest(\(PostgresArray(pairs.map(\.0)))::text[], \(PostgresArray(pairs.map(\.1)))::text[]) AS p(key, name)
                ORDER BY p.key, p.name
                ON CONFLICT (vendor_id, vendor_site_key) DO UPDATE SET name = EXCLUDED.name
                WHERE s.name IS DISTINCT FROM EXCLUDED.name
                """)
        }
        return known
    }
}
