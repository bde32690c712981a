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
