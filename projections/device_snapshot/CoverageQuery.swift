import Foundation
import InventoryRules
import PostgresClient

/// Per client on one day: devices in each vendor, how many of them the other vendor also has
/// (same canonical key), and the gaps. Matching is by any key of a device (`match_keys`), the
/// rule the exceptions use; a device counts under its own vendor's client.
public struct CoverageRow: Sendable, Hashable {
    public var client: String
    public var ninja: Int
    public var threatLocker: Int
    /// NinjaOne devices of the client that ThreatLocker also has.
    public var matchedNinja: Int
    /// ThreatLocker devices of the client that NinjaOne also has.
    public var matchedThreatLocker: Int
    /// NinjaOne devices without ThreatLocker (unprotected).
    public var ninjaOnly: Int { ninja - matchedNinja }
    /// ThreatLocker devices NinjaOne does not manage.
    public var threatLockerOnly: Int { threatLocker - matchedThreatLocker }
}

public struct CoverageQuery: Sendable, Hashable {
    public var date: CalendarDate

    public init(date: CalendarDate) { self.date = date }

    /// The newest date both vendors have in `device_snapshot` (from the effective runs, a table
    /// of one row per vendor and day, rather than a scan of the snapshots).
    public static func newestDate(_ session: PostgresSession) throws -> CalendarDate? {
        try VarianceReportQuery.newestComparedDate(session)
    }

    public func rows(_ session: PostgresSession) throws -> [CoverageRow] {
        try session.query("""
            WITH devices AS (
                SELECT d.id, d.vendor_id, d.match_keys, coalesce(a.canonical_name, s.name)::text AS client
                FROM device_snapshot d JOIN site s ON s.id = d.site_id
                LEFT JOIN site_alias a ON a.vendor_id = s.vendor_id AND a.vendor_site_key = s.vendor_site_key
                WHERE d.snapshot_date = \(date)
            ), device_keys AS (
                SELECT id, vendor_id, unnest(match_keys) AS k FROM devices
            ), keys AS (
                SELECT DISTINCT vendor_id, k FROM device_keys
            ), matched AS (
                SELECT DISTINCT d.id FROM device_keys d JOIN keys o ON o.k = d.k AND o.vendor_id <> d.vendor_id
            )
            SELECT client,
                count(*) FILTER (WHERE vendor_id = \(Vendor.ninja.rawValue))::int,
                count(*) FILTER (WHERE vendor_id = \(Vendor.threatLocker.rawValue))::int,
                count(*) FILTER (WHERE vendor_id = \(Vendor.ninja.rawValue) AND m.id IS NOT NULL)::int,
                count(*) FILTER (WHERE vendor_id = \(Vendor.threatLocker.rawValue) AND m.id IS NOT NULL)::int
            FROM devices LEFT JOIN matched m USING (id) GROUP BY client ORDER BY lower(client), client
            """).map { row in
            CoverageRow(
                client: try row.decode(String.self, 0), ninja: try row.decode(Int.self, 1), threatLocker: try row.decode(Int.self, 2),
                matchedNinja: try row.decode(Int.self, 3), matchedThreatLocker: try row.decode(Int.self, 4))
        }
    }
}
