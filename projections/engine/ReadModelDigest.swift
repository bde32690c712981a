import PostgresClient

/// Per-day digests and diffs of the read models on their natural keys, so a catch-up, a
/// rebuild and a replay can be compared although surrogate ids (`site.id`, `device_identity.id`,
/// `device_snapshot.id`) may differ between them.
public enum ReadModelDigest {
    /// How one table's rows are read for a comparison: the day, the natural key, the row as
    /// JSON without surrogate ids, the columns (by name) its row leaves out, and what the row
    /// adds in their place (the natural keys the ids stand for), over `from` (aliased `t`).
    struct Source {
        let day: PostgresQuery
        let key: PostgresQuery
        let row: PostgresQuery
        let unhashed: Set<String>
        let extras: PostgresQuery?
        let from: PostgresQuery
    }

    static func source(_ table: String, schema: String, siteSchema: String) -> Source? {
        let s: PostgresQuery = "\(identifier: schema)"
        let sites: PostgresQuery = "\(identifier: siteSchema).site"
        switch table {
        case "site":
            return Source(day: "NULL::date", key: "t.vendor_id || '|' || t.vendor_site_key", row: "to_jsonb(t) - 'id'", unhashed: ["id"], extras: nil, from: "\(s).site t")
        case "device_identity":
            return Source(
                day: "NULL::date", key: "t.vendor_id || '|' || t.vendor_device_key", row: "to_jsonb(t) - 'id'", unhashed: ["id"], extras: nil,
                from: "\(s).device_identity t")
        case "device_snapshot":
            return Source(
                day: "t.snapshot_date", key: "t.vendor_id || '|' || i.vendor_device_key",
                row: "(to_jsonb(t) - 'id' - 'created_at' - 'device_identity_id' - 'site_id') || jsonb_build_object('site', st.vendor_site_key)",
                unhashed: ["id", "created_at", "device_identity_id", "site_id"], extras: "i.vendor_device_key, st.vendor_site_key",
                from: "\(s).device_snapshot t JOIN \(s).device_identity i ON i.id = t.device_identity_id LEFT JOIN \(s).site st ON st.id = t.site_id")
        case "projection_effective_run":
            return Source(day: "t.observed_on", key: "t.vendor_id::text", row: "to_jsonb(t)", unhashed: [], extras: nil, from: "\(s).projection_effective_run t")
        case "daily_counts", "month_end_counts":
            let date: PostgresQuery = table == "daily_counts" ? "snapshot_date" : "month_end_date"
            let site: PostgresQuery = "coalesce(st.vendor_site_key, '#' || t.site_id)"
            return Source(
                day: "t.\(date)", key: "t.vendor_id || '|' || \(site) || '|' || t.device_type_id || '|' || t.billing_status_id",
                row: "to_jsonb(t) - 'site_id'", unhashed: ["site_id"], extras: site,
                from: "\(s).\(identifier: table) t LEFT JOIN \(sites) st ON st.id = t.site_id")
        case "change_log":
            return Source(day: "t.change_date", key: "t.vendor_id || '|' || t.metric", row: "to_jsonb(t)", unhashed: [], extras: nil, from: "\(s).change_log t")
        case "exceptions":
            return Source(day: "t.date_found", key: "t.type || '|' || t.hostname", row: "to_jsonb(t)", unhashed: [], extras: nil, from: "\(s).exceptions t")
        case "site_alias":
            return Source(day: "NULL::date", key: "t.vendor_id || '|' || t.vendor_site_key", row: "to_jsonb(t)", unhashed: [], extras: nil, from: "\(s).site_alias t")
        case "exception_finding":
            return Source(day: "t.compared_on", key: "t.type || '|' || t.hostname", row: "to_jsonb(t)", unhashed: [], extras: nil, from: "\(s).exception_finding t")
        default:
            return nil
        }
    }

    /// One table's rows as (day, key, row JSON) in `schema`; `siteSchema` holds the `site`
    /// table its site ids refer to.
    static func rows(_ table: String, schema: String, siteSchema: String) -> PostgresQuery? {
        source(table, schema: schema, siteSchema: siteSchema).map { "SELECT \($0.day) AS day, \($0.key) AS key, \($0.row) AS row FROM \($0.from)" }
    }

    /// One table's rows as (day, 64-bit hash): PostgreSQL's own hash of a record of `columns`
    /// (the row's, by name, the same list on both sides being compared) and the row's extras.
    /// An order of magnitude cheaper than building each row's JSON.
    static func rowHashes(_ table: String, schema: String, siteSchema: String, columns: [String]) -> PostgresQuery? {
        source(table, schema: schema, siteSchema: siteSchema).map { source in
            let extras: PostgresQuery = source.extras.map { ", \($0)" } ?? ""
            return "SELECT \(source.day) AS day, hash_record_extended(ROW(\(identifiers: columns, qualifier: "t")\(extras)), 0) AS hash FROM \(source.from)"
        }
    }

    /// The columns of `table` in `schema` that its row hash covers, in catalog order.
    static func hashedColumns(_ table: String, schema: String, session: PostgresSession) throws -> [String] {
        guard let source = source(table, schema: schema, siteSchema: schema) else { return [] }
        return try session.query("""
            SELECT attname::text FROM pg_attribute
            WHERE attrelid = (quote_ident(\(schema)) || '.' || quote_ident(\(table)))::regclass AND attnum > 0 AND NOT attisdropped
            ORDER BY attnum
            """).map { try $0.decode(String.self, 0) }.filter { !source.unhashed.contains($0) }
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

    /// Each day's row count and an order-independent digest of its rows (the XOR of each
    /// row's hash, `rowHashes`): one streaming aggregate, no sort and no join.
    /// Without `digests` the rows are only counted (the hash is never computed).
    static func daySummaries(_ hashes: PostgresQuery, digests: Bool = true, session: PostgresSession) throws -> [String: DaySummary] {
        var result: [String: DaySummary] = [:]
        let digest: PostgresQuery = digests ? "bit_xor(hash)" : "0::bigint"
        for row in try session.query("SELECT coalesce(day::text, 'all'), count(*), \(digest) FROM (\(hashes)) r GROUP BY 1") {
            result[try row.decode(String.self, 0)] = DaySummary(rows: try row.decode(Int.self, 1), digest: try row.decode(Int.self, 2))
        }
        return result
    }

    struct DaySummary: Equatable, Sendable {
        let rows: Int
        let digest: Int
    }

    /// What replacing `old` by `new` changes, per table and day. Each side's days are counted
    /// and digested in one pass (`daySummaries`: a day on one side only was added or removed
    /// whole, a day whose count and digest agree is unchanged), and only the remaining days
    /// are joined row by row.
    /// - Parameter oldSummaries: `old`'s day summaries when they were taken already (by
    ///   `summaries(of:in:columns:session:)`, with the columns of `new`), else they are read here.
    static func diff(
        table: String, new: (schema: String, sites: String), old: (schema: String, sites: String),
        oldSummaries: [String: DaySummary]? = nil, session: PostgresSession
    ) throws -> [DayDiff] {
        let columns = try hashedColumns(table, schema: new.schema, session: session)
        guard let newRows = rows(table, schema: new.schema, siteSchema: new.sites),
              let oldRows = rows(table, schema: old.schema, siteSchema: old.sites),
              let newHashes = rowHashes(table, schema: new.schema, siteSchema: new.sites, columns: columns),
              let oldHashes = rowHashes(table, schema: old.schema, siteSchema: old.sites, columns: columns)
        else { return [] }
        // A day on one side only was added or removed whole; a day on both whose count and
        // digest agree is unchanged. Only the rest are joined row by row.
        let oldDays = try oldSummaries ?? daySummaries(oldHashes, session: session)
        // Against an empty table every day was added whole: counted, not hashed.
        let newDays = try daySummaries(newHashes, digests: !oldDays.isEmpty, session: session)
        var result: [DayDiff] = []
        for (day, summary) in newDays where oldDays[day] == nil { result.append(DayDiff(table: table, day: day, added: summary.rows, removed: 0, changed: 0)) }
        for (day, summary) in oldDays where newDays[day] == nil { result.append(DayDiff(table: table, day: day, added: 0, removed: summary.rows, changed: 0)) }
        let compared = newDays.keys.filter { day in oldDays[day].map { $0 != newDays[day] } ?? false }.sorted()
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

    /// The day summaries of `tables` in `schema` (their sites in the same schema), each hashed
    /// over `columns[table]`, read in one repeatable-read snapshot together with the
    /// projections' checkpoints, which tell whether the tables changed since.
    static func summaries(
        of tables: [String], in schema: String, columns: [String: [String]], session: PostgresSession
    ) throws -> SummariesSnapshot {
        try session.readOnlySnapshot {
            let checkpoints = try ProjectionCheckpoints.lastSeqs(session: session)
            var days: [String: [String: DaySummary]] = [:]
            for table in tables {
                guard let columns = columns[table], let hashes = rowHashes(table, schema: schema, siteSchema: schema, columns: columns)
                else { continue }
                days[table] = try daySummaries(hashes, session: session)
            }
            return SummariesSnapshot(checkpoints: checkpoints, days: days)
        }
    }

    struct SummariesSnapshot: Sendable {
        /// Each projection's `last_seq` in the snapshot.
        let checkpoints: [String: Int64]
        let days: [String: [String: DaySummary]]
    }
}
