import Foundation
import InventoryRules
import PostgresClient

/// Windows 11 24H2 readiness of the NinjaOne devices the assessment applies to (Windows
/// workstations, `windows_11_24h2_capable` not null) on one day: per client, per requirement,
/// and the devices that are not capable with what to do about each deficiency.
public struct Windows11Query: Sendable, Hashable {
    public struct ClientRow: Sendable, Hashable {
        public var client: String
        public var capable: Int
        public var notCapable: Int
    }

    public struct DeviceRow: Sendable, Hashable {
        public var vendorDeviceKey: String
        public var hostname: String?
        public var displayName: String?
        public var client: String
        public var osName: String?
        public var cpuModel: String?
        /// JSON text: `[{"currentValue","remediation","requirement"}]`.
        public var deficiencies: String?
    }

    public var date: CalendarDate
    public var client: String?
    public var limit: Int?
    public var offset = 0

    public init(date: CalendarDate, client: String? = nil, limit: Int? = nil, offset: Int = 0) {
        self.date = date
        self.client = client
        self.limit = limit
        self.offset = offset
    }

    /// The newest NinjaOne snapshot date.
    public static func newestDate(_ session: PostgresSession) throws -> CalendarDate? {
        try session.query("SELECT max(snapshot_date) FROM device_snapshot WHERE vendor_id = \(Vendor.ninja.rawValue)")[0].decode(CalendarDate?.self, 0)
    }

    var assessed: PostgresQuery {
        var query: PostgresQuery = """
            SELECT d.*, coalesce(a.canonical_name, s.name)::text AS client
            FROM device_snapshot d JOIN site s ON s.id = d.site_id
            LEFT JOIN site_alias a ON a.vendor_id = s.vendor_id AND a.vendor_site_key = s.vendor_site_key
            WHERE d.snapshot_date = \(date) AND d.vendor_id = \(Vendor.ninja.rawValue) AND d.windows_11_24h2_capable IS NOT NULL
            """
        if let client { query.and("lower(trim(coalesce(a.canonical_name, s.name))) = lower(trim(\(client)))") }
        return query
    }

    public func clients(_ session: PostgresSession) throws -> [ClientRow] {
        try session.query("""
            SELECT client, count(*) FILTER (WHERE windows_11_24h2_capable)::int, count(*) FILTER (WHERE NOT windows_11_24h2_capable)::int
            FROM (\(assessed)) d GROUP BY client ORDER BY lower(client), client
            """).map { ClientRow(client: try $0.decode(String.self, 0), capable: try $0.decode(Int.self, 1), notCapable: try $0.decode(Int.self, 2)) }
    }

    /// Devices failing (or unknown on) each requirement.
    public func requirements(_ session: PostgresSession) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try session.query("""
            SELECT r->>'requirement', count(*)::int FROM (\(assessed)) d,
                   jsonb_array_elements(CASE WHEN d.windows_11_24h2_deficiencies IS NULL OR d.windows_11_24h2_deficiencies = '' THEN '[]'::jsonb
                                             ELSE d.windows_11_24h2_deficiencies::jsonb END) r
            WHERE NOT d.windows_11_24h2_capable GROUP BY 1
            """)
        {
            if let requirement = try row.decode(String?.self, 0) { result[requirement] = try row.decode(Int.self, 1) }
        }
        return result
    }

    public func notCapableCount(_ session: PostgresSession) throws -> Int {
        try session.query("SELECT count(*)::int FROM (\(assessed)) d WHERE NOT d.windows_11_24h2_capable")[0].decode(Int.self, 0)
    }

    /// The devices that are not capable, by client and hostname.
    public func devices(_ session: PostgresSession) throws -> [DeviceRow] {
        var query: PostgresQuery = """
            SELECT i.vendor_device_key::text, d.hostname::text, d.display_name::text, d.client, d.os_name::text, d.cpu_model::text,
                   d.windows_11_24h2_deficiencies
            FROM (\(assessed)) d JOIN device_identity i ON i.id = d.device_identity_id
            WHERE NOT d.windows_11_24h2_capable ORDER BY lower(d.client), d.hostname, i.vendor_device_key
            """
        if let limit { query.append(" LIMIT \(limit)") }
        if offset > 0 { query.append(" OFFSET \(offset)") }
        return try session.query(query).map { row in
            DeviceRow(
                vendorDeviceKey: try row.decode(String.self, 0), hostname: try row.decode(String?.self, 1), displayName: try row.decode(String?.self, 2),
                client: try row.decode(String.self, 3), osName: try row.decode(String?.self, 4), cpuModel: try row.decode(String?.self, 5),
                deficiencies: try row.decode(String?.self, 6))
        }
    }
}
