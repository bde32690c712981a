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
    /// A replay projects only these snapshot dates (earlier ones are read where a rule needs them).
    public var dateRange: ClosedRange<CalendarDate>?
    /// A replay may be limited to one vendor.
    public var vendorID: Int?

    public init(
        schema: String, maxSeq: Int64, knownAt: Date? = nil, retentionDays: Int? = 65,
        dateRange: ClosedRange<CalendarDate>? = nil, vendorID: Int? = nil
    ) {
        self.schema = schema
        self.maxSeq = maxSeq
        self.knownAt = knownAt
        self.retentionDays = retentionDays
        self.dateRange = dateRange
        self.vendorID = vendorID
    }

    /// `"schema"."table"`, both quoted identifiers, for SQL built in this module.
    func table(_ name: String) -> PostgresQuery {
        "\(identifier: schema).\(identifier: name)"
    }

    /// The SQL condition bounding ledger reads to this scope, with `alias.` prefixed columns.
    func ledgerBound(_ alias: String = "e") -> PostgresQuery {
        var bound: PostgresQuery = "\(identifier: alias).seq <= \(Int(maxSeq))"
        if let knownAt { bound.and("\(identifier: alias).recorded_at <= \(knownAt)") }
        if let upper = dateRange?.upperBound { bound.and("(\(identifier: alias).observed_on IS NULL OR \(identifier: alias).observed_on <= \(upper))") }
        if let vendorID { bound.and("(\(identifier: alias).vendor_id IS NULL OR \(identifier: alias).vendor_id = \(vendorID))") }
        return bound
    }

    /// The SQL condition of what this run of the projector may know of a device's observations:
    /// the seq and known-at bounds only, not the date range or vendor of a replay, so a device's
    /// first observation (its `device_identity.id`) is the same event in every scope.
    func observationBound(_ alias: String = "e") -> PostgresQuery {
        var bound: PostgresQuery = "\(identifier: alias).seq <= \(Int(maxSeq))"
        if let knownAt { bound.and("\(identifier: alias).recorded_at <= \(knownAt)") }
        return bound
    }

    /// The condition selecting the runs to project: those of the date range, if any.
    func projectedDays(_ alias: String = "e") -> PostgresQuery {
        guard let dateRange else { return "true" }
        return "\(identifier: alias).observed_on BETWEEN \(dateRange.lowerBound) AND \(dateRange.upperBound)"
    }
}
