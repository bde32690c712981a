import Foundation
import InventoryRules
import PostgresClient

/// The evidence `SiteAliasSuggester` weighs, read from the newest day both vendors hold: each
/// vendor's sites with their device counts and canonical names, and how many ThreatLocker
/// devices of each site match NinjaOne devices of each site by canonical key.
public struct SiteSuggestionQuery: Sendable {
    public init() {}

    /// Records the confident suggestions as aliases of their ThreatLocker sites (one append,
    /// actor `sites suggest`) and catches up; returns every suggestion.
    @discardableResult
    public func apply(_ session: PostgresSession) throws -> [SiteAliasSuggester.Suggestion] {
        let suggestions = try self.suggestions(session)
        let changes = suggestions.filter(\.confident).map {
            SiteAliasEvent(
                vendor: .threatLocker, siteKey: $0.threatLocker.siteKey, canonicalName: $0.canonicalName, actor: "sites suggest",
                note: "\($0.reason.rawValue): \($0.matchedDevices) matching devices")
        }
        try SiteAliasWriter(session: session).record(changes)
        return suggestions
    }

    public func suggestions(_ session: PostgresSession) throws -> [SiteAliasSuggester.Suggestion] {
        guard let date = try CoverageQuery.newestDate(session) else { return [] }
        var ninja: [SiteAliasSuggester.Site] = []
        var threatLocker: [SiteAliasSuggester.Site] = []
        for row in try session.query("""
            SELECT s.vendor_id, s.vendor_site_key::text, s.name::text, coalesce(a.canonical_name, s.name)::text, count(d.id)::int
            FROM site s LEFT JOIN device_snapshot d ON d.site_id = s.id AND d.snapshot_date = \(date)
            LEFT JOIN site_alias a ON a.vendor_id = s.vendor_id AND a.vendor_site_key = s.vendor_site_key
            GROUP BY 1, 2, 3, 4 HAVING count(d.id) > 0
            """)
        {
            let site = SiteAliasSuggester.Site(
                siteKey: try row.decode(String.self, 1), name: try row.decode(String.self, 2), canonicalName: try row.decode(String.self, 3),
                devices: try row.decode(Int.self, 4))
            if try row.decode(Int.self, 0) == Vendor.ninja.rawValue { ninja.append(site) } else { threatLocker.append(site) }
        }
        let overlaps = try session.query("""
            WITH n AS (
                SELECT DISTINCT unnest(d.match_keys) AS k, s.vendor_site_key AS site FROM device_snapshot d JOIN site s ON s.id = d.site_id
                WHERE d.snapshot_date = \(date) AND d.vendor_id = \(Vendor.ninja.rawValue)
            ), t AS (
                SELECT d.id, unnest(d.match_keys) AS k, s.vendor_site_key AS site FROM device_snapshot d JOIN site s ON s.id = d.site_id
                WHERE d.snapshot_date = \(date) AND d.vendor_id = \(Vendor.threatLocker.rawValue)
            )
            SELECT n.site::text, t.site::text, count(DISTINCT t.id)::int FROM t JOIN n ON n.k = t.k GROUP BY 1, 2
            """).map { row in
            SiteAliasSuggester.Overlap(ninjaSite: try row.decode(String.self, 0), threatLockerSite: try row.decode(String.self, 1), devices: try row.decode(Int.self, 2))
        }
        return SiteAliasSuggester.suggest(ninja: ninja, threatLocker: threatLocker, overlaps: overlaps)
    }
}
