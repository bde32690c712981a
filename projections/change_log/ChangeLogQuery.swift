import Foundation
import InventoryRules
import PostgresClient

/// One `change_log` row.
public struct ChangeLogRow: Sendable, Hashable {
    public var date: CalendarDate
    public var vendor: Vendor
    public var metric: String
    public var previous: Int
    public var new: Int
    public var delta: Int
    /// JSON text: the devices behind `added`, `removed`, `site_changed` and `billing_changed`.
    public var details: String?
}

/// The reads of `change_log`, newest first.
public struct ChangeLogQuery: Sendable, Hashable {
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var vendor: Vendor?
    public var metric: ChangeMetric?
    /// Leave out rows whose delta is 0 (except the devices and billable totals).
    public var changesOnly = false
    public var limit: Int?
    public var offset = 0

    public init(from: CalendarDate? = nil, to: CalendarDate? = nil, vendor: Vendor? = nil, metric: ChangeMetric? = nil, changesOnly: Bool = false, limit: Int? = nil, offset: Int = 0) {
        self.from = from
        self.to = to
        self.vendor = vendor
        self.metric = metric
        self.changesOnly = changesOnly
        self.limit = limit
        self.offset = offset
    }

    var conditions: PostgresQuery {
        var query: PostgresQuery = "true"
        if let from { query.and("c.change_date >= \(from)") }
        if let to { query.and("c.change_date <= \(to)") }
        if let vendor { query.and("c.vendor_id = \(vendor.rawValue)") }
        if let metric { query.and("c.metric = \(metric.rawValue)") }
        if changesOnly { query.and("(c.delta <> 0 OR c.metric IN ('devices', 'billable'))") }
        return query
    }

    public func rows(_ session: PostgresSession) throws -> [ChangeLogRow] {
        var query: PostgresQuery = """
            SELECT c.change_date, c.vendor_id, c.metric, c.prev_value, c.new_value, c.delta, c.details::text FROM change_log c
            WHERE \(conditions) ORDER BY c.change_date DESC, c.vendor_id, c.metric
            """
        if let limit { query.append(" LIMIT \(limit)") }
        if offset > 0 { query.append(" OFFSET \(offset)") }
        return try session.query(query).map { row in
            ChangeLogRow(
                date: try row.decode(CalendarDate.self, 0), vendor: Vendor(rawValue: try row.decode(Int.self, 1)) ?? .ninja,
                metric: try row.decode(String.self, 2), previous: try row.decode(Int?.self, 3) ?? 0, new: try row.decode(Int?.self, 4) ?? 0,
                delta: try row.decode(Int?.self, 5) ?? 0, details: try row.decode(String?.self, 6))
        }
    }

    public func count(_ session: PostgresSession) throws -> Int {
        try session.query("SELECT count(*)::int FROM change_log c WHERE \(conditions)")[0].decode(Int.self, 0)
    }

    /// The newest date of the change log.
    public static func newestDate(_ session: PostgresSession) throws -> CalendarDate? {
        try session.query("SELECT max(change_date) FROM change_log")[0].decode(CalendarDate?.self, 0)
    }
}
