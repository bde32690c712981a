import PostgresClient

/// Per-day digests and diffs of the read models on their natural keys, so a catch-up, a
/// rebuild and a replay can be compared although surrogate ids (`site.id`, `device_identity.id`,
/// `device_snapshot.id`) may differ between them.
public enum ReadModelDigest {
    /// One table's rows as (day, key, row JSON) in `schema`; `siteSchema` holds the `site`
    /// table its site ids refer to.
    static func rows(_ table: String, schema: String, siteSchema: String) -> PostgresQuery? {
        let s: PostgresQuery = "\(identifier: schema)"
        let sites: PostgresQuery = "\(identifier: siteSchema).site"
        switch table {
        case "site":
            return "SELECT NULL::date AS day, t.vendor_id || '|' || t.vendor_site_key AS key, to_jsonb(t) - 'id' AS row FROM \(s).site t"
        case "device_identity":
            return "SELECT NULL::date AS day, t.vendor_id || '|' || t.vendor_device_key AS key, to_jsonb(t) - 'id' AS row FROM \(s).device_identity t"
        case "device_snapshot":
            return """
                SELECT t.snapshot_date AS day, t.vendor_id || '|' || i.vendor_device_key AS key,
                       (to_jsonb(t) - 'id' - 'created_at' - 'device_identity_id' - 'site_id') || jsonb_build_object('site', st.vendor_site_key) AS row
                FROM \(s).device_snapshot t JOIN \(s).device_identity i ON i.id = t.device_identity_id LEFT JOIN \(s).site st ON st.id = t.site_id
                """
        case "projection_effective_run":
            return "SELECT t.observed_on AS day, t.vendor_id::text AS key, to_jsonb(t) AS row FROM \(s).projection_effective_run t"
        case "daily_counts", "month_end_counts":
            let date: PostgresQuery = table == "daily_counts" ? "snapshot_date" : "month_end_date"
            return """
                SELECT t.\(date) AS day, t.vendor_id || '|' || coalesce(st.vendor_site_key, '#' || t.site_id) || '|' || t.device_type_id || '|' || t.billing_status_id AS key,
                       to_jsonb(t) - 'site_id' AS row
                FROM \(s).\(identifier: table) t LEFT JOIN \(sites) st ON st.id = t.site_id
                """
        case "change_log":
            return "SELECT t.change_date AS day, t.vendor_id || '|' || t.metric AS key, to_jsonb(t) AS row FROM \(s).change_log t"
        case "exceptions":
            return "SELECT t.date_found AS day, t.type || '|' || t.hostname AS key, to_jsonb(t) AS row FROM \(s).exceptions t"
        case "site_alias":
            return "SELECT NULL::date AS day, t.vendor_id || '|' || t.vendor_site_key AS key, to_jsonb(t) AS row FROM \(s).site_alias t"
        case "exception_finding":
            return "SELECT t.compared_on AS day, t.type || '|' || t.hostname AS key, to_jsonb(t) AS row FROM \(s).exception_finding t"
        default:
            return nil
        }
    }

    /// SHA-256 of each day's rows in key order (`nil` day = tables without a date).
    public static func digests(table: String, schema: String, siteSchema: String, session: PostgresSession) throws -> [String: String] {
        guard let rows = rows(table, schema: schema, siteSchema: siteSchema) else { return [:] }
        var result: [String: String] = [:]
        for row in try session.query("""
            SELECT coalesce(day::text, 'all'), encode(sha256(convert_to(string_agg(key || '=' || row::text, E'\\n' ORDER BY key), 'UTF8')), 'hex')
            FROM (\(rows)) r GROUP BY day
            """)
        {
            result[try row.decode(String.self, 0)] = try row.decode(String.self, 1)
        }
        return result
    }

    public struct DayDiff: Sendable, Hashable {
        public let table: String
        public let day: String
        public let added: Int
        public let removed: Int
        public let changed: Int

        public init(table: String, day: String, added: Int, removed: Int, changed: Int) {
            self.table = table
            self.day = day
            self.added = added
            self.removed = removed
            self.changed = changed
        }
    }

    /// For each of `days`, an order-independent digest of its rows (the XOR of a hash of each
    /// row): one streaming aggregate, no sort and no join.
    static func dayDigests(_ rows: PostgresQuery, days: [String], session: PostgresSession) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try session.query("""
            SELECT coalesce(day::text, 'all'), bit_xor(('x' || substr(md5(key || '=' || row::text), 1, 16))::bit(64)::bigint)
            FROM (\(rows)) r WHERE coalesce(day::text, 'all') = ANY(\(PostgresArray(days))::text[]) GROUP BY 1
            """)
        {
            result[try row.decode(String.self, 0)] = try row.decode(Int.self, 1)
        }
        return result
    }

    /// Each day's row count.
    static func dayCounts(_ rows: PostgresQuery, session: PostgresSession) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try session.query("SELECT coalesce(day::text, 'all'), count(*) FROM (\(rows)) r GROUP BY 1") {
            result[try row.decode(String.self, 0)] = try row.decode(Int.self, 1)
        }
        return result
    }

    /// What replacing `old` by `new` changes, per table and day. Days are counted first (a day
    /// on one side only was added or removed whole), the days on both sides compared by
    /// `dayDigests` (a day whose rows and digest agree is unchanged), and only the remaining
    /// days row by row.
    public static func diff(
        table: String, new: (schema: String, sites: String), old: (schema: String, sites: String), session: PostgresSession
    ) throws -> [DayDiff] {
        guard let newRows = rows(table, schema: new.schema, siteSchema: new.sites),
            let oldRows = rows(table, schema: old.schema, siteSchema: old.sites)
        else { return [] }
        // Counted first: a day on one side only was added or removed whole, and needs no digest.
        let newCounts = try dayCounts(newRows, session: session)
        let oldCounts = try dayCounts(oldRows, session: session)
        let shared = Set(newCounts.keys).intersection(oldCounts.keys).sorted()
        var result: [DayDiff] = []
        for (day, rows) in newCounts where oldCounts[day] == nil { result.append(DayDiff(table: table, day: day, added: rows, removed: 0, changed: 0)) }
        for (day, rows) in oldCounts where newCounts[day] == nil { result.append(DayDiff(table: table, day: day, added: 0, removed: rows, changed: 0)) }
        var compared: [String] = []
        if !shared.isEmpty {
            let newDigests = try dayDigests(newRows, days: shared, session: session)
            let oldDigests = try dayDigests(oldRows, days: shared, session: session)
            compared = shared.filter { newCounts[$0] != oldCounts[$0] || newDigests[$0] != oldDigests[$0] }
        }
        guard !compared.isEmpty else { return result.sorted { $0.day < $1.day } }
        let days = PostgresArray(compared)
        result += try session.query("""
            SELECT coalesce(n.day, o.day) AS day,
                   count(*) FILTER (WHERE o.key IS NULL), count(*) FILTER (WHERE n.key IS NULL),
                   count(*) FILTER (WHERE n.key IS NOT NULL AND o.key IS NOT NULL AND n.row <> o.row)
            FROM (SELECT coalesce(day::text, 'all') AS day, key, row FROM (\(newRows)) a WHERE coalesce(day::text, 'all') = ANY(\(days)::text[])) n
            FULL JOIN (SELECT coalesce(day::text, 'all') AS day, key, row FROM (\(oldRows)) b WHERE coalesce(day::text, 'all') = ANY(\(days)::text[])) o
              ON n.key = o.key AND n.day = o.day
            GROUP BY 1 HAVING count(*) FILTER (WHERE o.key IS NULL OR n.key IS NULL OR n.row <> o.row) > 0
            ORDER BY 1
            """).map {
            DayDiff(table: table, day: try $0.decode(String.self, 0), added: try $0.decode(Int.self, 1),
                    removed: try $0.decode(Int.self, 2), changed: try $0.decode(Int.self, 3))
        }
        return result.sorted { $0.day < $1.day }
    }
}
