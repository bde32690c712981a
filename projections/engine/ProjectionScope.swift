import Foundation
import PostgresClient

/// Where a projection writes (the live `public` schema, a rebuild's shadow schema or a replay's
/// scratch schema) and how much of the ledger it may see.
public struct ProjectionScope: Sendable {
    public var schema: String
    /// Events with a larger seq do not exist for this run of the projector.
    public var maxSeq: Int64
    /// Events recorded after this instant are ignored ("as the system knew it then").
    public var knownAt: Date?
    /// Daily rows older than this many days before the newest snapshot date are pruned.
    public var retentionDays: Int?

    public init(schema: String, maxSeq: Int64, knownAt: Date? = nil, retentionDays: Int? = 65) {
        self.schema = schema
        self.maxSeq = maxSeq
        self.knownAt = knownAt
        self.retentionDays = retentionDays
    }

    /// `"schema".table`, for SQL built in this module.
    func table(_ name: String) -> String {
        PostgresQuery.quoteIdentifier(schema) + "." + name
    }

    /// The SQL condition bounding ledger reads to this scope, with `alias.` prefixed columns.
    func ledgerBound(_ alias: String = "e") -> PostgresQuery {
        if let knownAt {
            return "\(unescaped: alias).seq <= \(Int(maxSeq)) AND \(unescaped: alias).recorded_at <= \(knownAt)"
        }
        return "\(unescaped: alias).seq <= \(Int(maxSeq))"
    }
}
