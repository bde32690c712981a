import Foundation
import InventoryRules
import PostgresClient

/// One vendor site (a client organization in NinjaOne or ThreatLocker) with its device count
/// on the vendor's newest day and the canonical client name it is compared under.
public struct SiteRow: Sendable, Hashable {
    public var id: Int
    public var vendor: Vendor
    public var siteKey: String
    public var name: String
    /// Devices on the newest snapshot date of the vendor (0 when the site has none that day).
    public var devices: Int
    /// `site_alias.canonical_name` when an alias is set, else the site's name.
    public var canonicalName: String
    public var aliased: Bool
}

/// The reads of `site` with `site_alias` and the newest day's counts.
public struct SiteQuery: Sendable, Hashable {
    public var vendor: Vendor?

    public init(vendor: Vendor? = nil) { self.vendor = vendor }

    /// By vendor, then name.
    public func rows(_ session: PostgresSession) throws -> [SiteRow] {
        var query: PostgresQuery = """
            WITH newest AS (SELECT vendor_id, max(snapshot_date) AS day FROM daily_counts GROUP BY vendor_id),
            counts AS (
                SELECT c.site_id, sum(c.cnt)::int AS devices FROM daily_counts c JOIN newest n ON n.vendor_id = c.vendor_id AND n.day = c.snapshot_date
                GROUP BY c.site_id
            )
            SELECT s.id, s.vendor_id, s.vendor_site_key::text, s.name::text, coalesce(c.devices, 0), coalesce(a.canonical_name, s.name)::text, a.id IS NOT NULL
            FROM site s LEFT JOIN counts c ON c.site_id = s.id
            LEFT JOIN site_alias a ON a.vendor_id = s.vendor_id AND a.vendor_site_key = s.vendor_site_key
            WHERE true
            """
        if let vendor { query.and("s.vendor_id = \(vendor.rawValue)") }
        query.append(" ORDER BY s.vendor_id, lower(s.name), s.vendor_site_key")
        return try session.query(query).compactMap { row in
            guard let vendor = Vendor(rawValue: try row.decode(Int.self, 1)) else { return nil }
            return SiteRow(
                id: try row.decode(Int.self, 0), vendor: vendor, siteKey: try row.decode(String.self, 2), name: try row.decode(String.self, 3),
                devices: try row.decode(Int.self, 4), canonicalName: try row.decode(String.self, 5), aliased: try row.decode(Bool.self, 6))
        }
    }
}
