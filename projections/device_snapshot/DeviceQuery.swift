import Foundation
import InventoryRules
import PostgresClient

/// One vendor's record of a device on a day, as a search result shows it.
public struct DeviceSummaryRow: Sendable, Hashable {
    public var vendor: Vendor
    public var vendorDeviceKey: String
    public var canonicalKey: String?
    public var hostname: String?
    public var displayName: String?
    public var client: String
    public var osName: String?
    public var deviceType: String?
    public var billingStatus: String?
    public var lastOnline: Date?
    /// Whether a device of the other vendor shares one of its match keys that day.
    public var matched: Bool
}

/// Devices of one day grouped by canonical key, each group holding both vendors' records side
/// by side: the device search of the API and the dashboard.
public struct DeviceQuery: Sendable, Hashable {
    public enum Coverage: String, Sendable, CaseIterable {
        case both
        case ninjaOnly = "ninja_only"
        case threatLockerOnly = "threatlocker_only"
    }

    public struct Group: Sendable, Hashable {
        public var key: String
        public var devices: [DeviceSummaryRow]
    }

    public var date: CalendarDate
    public var vendor: Vendor?
    public var client: String?
    /// Canonical key prefix, or part of the hostname or display name (case-insensitive).
    public var text: String?
    public var coverage: Coverage?
    public var limit: Int?
    public var offset = 0

    public init(date: CalendarDate, vendor: Vendor? = nil, client: String? = nil, text: String? = nil, coverage: Coverage? = nil, limit: Int? = nil, offset: Int = 0) {
        self.date = date
        self.vendor = vendor
        self.client = client
        self.text = text
        self.coverage = coverage
        self.limit = limit
        self.offset = offset
    }

    /// The newest snapshot date of any vendor.
    public static func newestDate(_ session: PostgresSession) throws -> CalendarDate? {
        try session.query("SELECT max(snapshot_date) FROM device_snapshot")[0].decode(CalendarDate?.self, 0)
    }

    /// Every device of the day with its group key and client, and its cross-vendor match flag
    /// when the coverage filter needs it for every device; otherwise `matched` is NULL here and
    /// worked out for the page's devices only (see `page`).
    var devices: PostgresQuery {
        var query: PostgresQuery = """
            WITH day AS (
                SELECT d.id, d.vendor_id, d.match_keys, d.canonical_key, d.hostname, d.display_name, d.os_name, d.device_type_id,
                       d.billing_status_id, d.last_online, i.vendor_device_key, coalesce(a.canonical_name, s.name)::text AS client,
                       coalesce(d.canonical_key, 'key:' || i.vendor_device_key)::text AS group_key
                FROM device_snapshot d JOIN device_identity i ON i.id = d.device_identity_id
                JOIN site s ON s.id = d.site_id
                LEFT JOIN site_alias a ON a.vendor_id = s.vendor_id AND a.vendor_site_key = s.vendor_site_key
                WHERE d.snapshot_date = \(date)
            )
            """
        if coverage == nil {
            query.append(", devices AS (SELECT day.*, NULL::boolean AS matched FROM day)")
        } else {
            query.append("""
                , device_keys AS (
                    SELECT id, vendor_id, unnest(match_keys) AS k FROM day
                ), keys AS (
                    SELECT DISTINCT vendor_id, k FROM device_keys
                ), matched AS (
                    SELECT DISTINCT d.id FROM device_keys d JOIN keys o ON o.k = d.k AND o.vendor_id <> d.vendor_id
                ), devices AS (
                    SELECT day.*, m.id IS NOT NULL AS matched FROM day LEFT JOIN matched m ON m.id = day.id
                )
                """)
        }
        return query
    }

    var groupConditions: PostgresQuery {
        var query: PostgresQuery = "true"
        if let vendor { query.and("bool_or(g.vendor_id = \(vendor.rawValue))") }
        if let client { query.and("bool_or(lower(trim(g.client)) = lower(trim(\(client))))") }
        if let text {
            let pattern = "%" + ExceptionEpisodeQuery.escapeLike(text.lowercased()) + "%"
            let prefix = ExceptionEpisodeQuery.escapeLike(text.lowercased()) + "%"
            query.and("bool_or(g.group_key LIKE \(prefix) OR g.hostname ILIKE \(pattern) OR g.display_name ILIKE \(pattern) OR g.vendor_device_key ILIKE \(pattern))")
        }
        switch coverage {
        case .both?: query.and("(bool_or(g.matched) OR (bool_or(g.vendor_id = \(Vendor.ninja.rawValue)) AND bool_or(g.vendor_id = \(Vendor.threatLocker.rawValue))))")
        case .ninjaOnly?: query.and("NOT bool_or(g.matched) AND bool_and(g.vendor_id = \(Vendor.ninja.rawValue))")
        case .threatLockerOnly?: query.and("NOT bool_or(g.matched) AND bool_and(g.vendor_id = \(Vendor.threatLocker.rawValue))")
        case nil: break
        }
        return query
    }

    public func groups(_ session: PostgresSession) throws -> [Group] {
        try page(session).groups
    }

    /// One page of groups and the number of groups that match, from one pass over the day (the
    /// day's devices and their matches are worked out once, not once for the count and once for
    /// the page).
    public func page(_ session: PostgresSession) throws -> (total: Int, groups: [Group]) {
        var keysQuery: PostgresQuery = """
            SELECT k.group_key, count(*) OVER () AS total FROM (SELECT g.group_key FROM devices g GROUP BY g.group_key HAVING \(groupConditions)) k
            ORDER BY k.group_key
            """
        if let limit { keysQuery.append(" LIMIT \(limit)") }
        if offset > 0 { keysQuery.append(" OFFSET \(offset)") }
        let rows = try session.query("""
            \(devices), chosen AS (\(keysQuery)),
            page AS (SELECT g.*, c.total FROM devices g JOIN chosen c ON c.group_key = g.group_key),
            -- The match flag of the page's devices only: the other vendor's devices that share a key.
            page_keys AS (SELECT id, vendor_id, unnest(match_keys) AS k FROM page WHERE matched IS NULL),
            other_keys AS (
                SELECT DISTINCT x.vendor_id, x.k
                FROM (SELECT vendor_id, unnest(match_keys) AS k FROM device_snapshot WHERE snapshot_date = \(date)) x
                WHERE x.k IN (SELECT k FROM page_keys)
            ),
            page_matched AS (SELECT DISTINCT p.id FROM page_keys p JOIN other_keys o ON o.k = p.k AND o.vendor_id <> p.vendor_id)
            SELECT g.group_key, g.vendor_id, g.vendor_device_key::text, g.canonical_key::text, g.hostname::text, g.display_name::text, g.client,
                   g.os_name::text, t.code::text, b.code::text, g.last_online, coalesce(g.matched, m.id IS NOT NULL), g.total::int
            FROM page g LEFT JOIN page_matched m ON m.id = g.id
            LEFT JOIN device_type t ON t.id = g.device_type_id LEFT JOIN billing_status b ON b.id = g.billing_status_id
            ORDER BY g.group_key, g.vendor_id, g.vendor_device_key
            """)
        // A page past the end holds no row to carry the total.
        guard let first = rows.first else { return (offset == 0 ? 0 : try count(session), []) }
        let total = try first.decode(Int.self, 12)
        var groups: [Group] = []
        for row in rows {
            let key = try row.decode(String.self, 0)
            guard let vendor = Vendor(rawValue: try row.decode(Int.self, 1)) else { continue }
            let device = DeviceSummaryRow(
                vendor: vendor, vendorDeviceKey: try row.decode(String.self, 2), canonicalKey: try row.decode(String?.self, 3),
                hostname: try row.decode(String?.self, 4), displayName: try row.decode(String?.self, 5), client: try row.decode(String.self, 6),
                osName: try row.decode(String?.self, 7), deviceType: try row.decode(String?.self, 8), billingStatus: try row.decode(String?.self, 9),
                lastOnline: try row.decode(Date?.self, 10), matched: try row.decode(Bool.self, 11))
            if groups.last?.key == key { groups[groups.count - 1].devices.append(device) } else { groups.append(Group(key: key, devices: [device])) }
        }
        return (total, groups)
    }

    public func count(_ session: PostgresSession) throws -> Int {
        try session.query("""
            \(devices) SELECT count(*)::int FROM (SELECT g.group_key FROM devices g GROUP BY g.group_key HAVING \(groupConditions)) x
            """)[0].decode(Int.self, 0)
    }
}
