import PostgresClient
import Projections

/// Every read-model table's per-day digests in `schema`, for comparing two ways of building it.
func allDigests(_ session: PostgresSession, schema: String = "public") throws -> [String: [String: String]] {
    var result: [String: [String: String]] = [:]
    for projection in ProjectionName.allCases {
        for table in projection.tables {
            result[table] = try ReadModelDigest.digests(table: table, schema: schema, siteSchema: schema, session: session)
        }
    }
    return result
}

/// Every read-model table of `schema` row by row, all columns, surrogate ids included, as text
/// in a fixed order: two ways of building the tables agree only if these are equal.
func rawTables(_ session: PostgresSession, schema: String = "public") throws -> [String: [String]] {
    var result: [String: [String]] = [:]
    for table in ProjectionName.allCases.flatMap(\.tables) {
        let rows = try session.query("SELECT t::text FROM \(identifier: schema).\(identifier: table) t ORDER BY 1")
        result[table] = try rows.map { try $0.decode(String.self, 0) }
    }
    return result
}

/// The tables whose rows differ between two `rawTables` results, each with its first difference.
func rawDifferences(_ left: [String: [String]], _ right: [String: [String]]) -> [String] {
    Set(left.keys).union(right.keys).sorted().compactMap { table in
        let a = left[table] ?? [], b = right[table] ?? []
        guard a != b else { return nil }
        let first = zip(a, b).first { $0 != $1 }.map { "\($0.0) vs \($0.1)" } ?? "\(a.count) rows vs \(b.count) rows"
        return "\(table): \(first)"
    }
}
