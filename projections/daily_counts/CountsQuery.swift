import Foundation
import InventoryRules
import PostgresClient

/// One row of the billing report: a date (a snapshot date, or a month's last day), a vendor and
/// a client, with its device counts.
public struct CountsRow: Sendable, Hashable {
    public var date: CalendarDate
    public var vendor: Vendor
    /// The canonical client name: the site's alias when one is set, else its name.
    public var client: String
    public var devices: Int
    public var billable: Int
    public var spare: Int
    public var servers: Int
    public var workstations: Int
}

/// The reads of `daily_counts` and `month_end_counts` per date, vendor and client: the
/// billing report of the API, the dashboard, `report` and the demo.
public struct CountsQuery: Sendable, Hashable {
    public enum Table: String, Sendable {
        case daily = "daily_counts"
        case monthEnd = "month_end_counts"

        var dateColumn: String { self == .daily ? "snapshot_date" : "month_end_date" }
    }

    public var table: Table
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var vendor: Vendor?
    /// Canonical client name, compared trimmed and case-insensitively.
    public var client: String?
    public var limit: Int?
    public var offset = 0

    public init(table: Table, from: CalendarDate? = nil, to: CalendarDate? = nil, vendor: Vendor? = nil, client: String? = nil, limit: Int? = nil, offset: Int = 0) {
        self.table = table
        self.from = from
        self.to = to
        self.vendor = vendor
        self.client = client
        self.limit = limit
        self.offset = offset
    }

    /// The grouped rows as a subquery: (date, vendor_id, client, counts…).
    var grouped: PostgresQuery {
        var query: PostgresQuery = """
            SELECT c.\(identifier: table.dateColumn) AS date, c.vendor_id, coalesce(a.canonical_name, s.name)::text AS client,
                   sum(c.cnt)::int AS devices,
                   coalesce(sum(c.cnt) FILTER (WHERE b.code = 'billable'), 0)::int AS billable,
                   coalesce(sum(c.cnt) FILTER (WHERE b.code = 'spare'), 0)::int AS spare,
                   coalesce(sum(c.cnt) FILTER (WHERE t.code = 'server'), 0)::int AS servers,
                   coalesce(sum(c.cnt) FILTER (WHERE t.code = 'workstation'), 0)::int AS workstations
            FROM \(identifier: table.rawValue) c
            JOIN site s ON s.id = c.site_id
            LEFT JOIN site_alias a ON a.vendor_id = s.vendor_id AND a.vendor_site_key = s.vendor_site_key
            JOIN billing_status b ON b.id = c.billing_status_id
            JOIN device_type t ON t.id = c.device_type_id
            WHERE true
            """
        if let from { query.and("c.\(identifier: table.dateColumn) >= \(from)") }
        if let to { query.and("c.\(identifier: table.dateColumn) <= \(to)") }
        if let vendor { query.and("c.vendor_id = \(vendor.rawValue)") }
        if let client { query.and("lower(trim(coalesce(a.canonical_name, s.name))) = lower(trim(\(client)))") }
        query.append(" GROUP BY 1, 2, 3")
        return query
    }

    /// Newest date first, then vendor and client.
    public func rows(_ session: PostgresSession) throws -> [CountsRow] {
        var query: PostgresQuery = "SELECT date, vendor_id, client, devices, billable, spare, servers, workstations FROM (\(grouped)) g ORDER BY date DESC, vendor_id, client"
        if let limit { query.append(" LIMIT \(limit)") }
        if offset > 0 { query.append(" OFFSET \(offset)") }
        return try session.query(query).map { row in
            CountsRow(
                date: try row.decode(CalendarDate.self, 0), vendor: Vendor(rawValue: try row.decode(Int.self, 1)) ?? .ninja,
                client: try row.decode(String.self, 2), devices: try row.decode(Int.self, 3), billable: try row.decode(Int.self, 4),
                spare: try row.decode(Int.self, 5), servers: try row.decode(Int.self, 6), workstations: try row.decode(Int.self, 7))
        }
    }

    public func count(_ session: PostgresSession) throws -> Int {
        try session.query("SELECT count(*)::int FROM (\(grouped)) g")[0].decode(Int.self, 0)
    }

    /// Devices per vendor and date over the retained days (the overview's line chart).
    public static func devicesPerDay(_ session: PostgresSession) throws -> [(date: CalendarDate, vendor: Vendor, devices: Int)] {
        try session.query("""
            SELECT snapshot_date, vendor_id, sum(cnt)::int FROM daily_counts GROUP BY 1, 2 ORDER BY 1, 2
            """).compactMap { row in
            guard let vendor = Vendor(rawValue: try row.decode(Int.self, 1)) else { return nil }
            return (try row.decode(CalendarDate.self, 0), vendor, try row.decode(Int.self, 2))
        }
    }
}
