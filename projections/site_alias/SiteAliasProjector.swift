import Foundation
import InventoryRules
import PostgresClient

/// Applies the alias events of a seq range to `site_alias`, in seq order: a set replaces the
/// site's row (its id becomes the event's seq), a removal deletes it.
struct SiteAliasProjector {
    let session: PostgresSession
    let scope: ProjectionScope

    /// - Returns: how many alias events the range held.
    @discardableResult
    func apply(range: ClosedRange<Int64>) throws -> Int {
        let events = try SiteAliasEvent.load(session, maxSeq: range.upperBound, knownAt: scope.knownAt, after: range.lowerBound - 1)
        for event in events {
            try session.query("""
                DELETE FROM \(scope.table("site_alias")) WHERE vendor_id = \(event.vendor.rawValue) AND vendor_site_key = \(event.siteKey)
                """)
            guard let name = event.canonicalName else { continue }
            try session.query("""
                INSERT INTO \(scope.table("site_alias")) (id, canonical_name, vendor_id, vendor_site_key, set_by, note, set_at)
                VALUES (\(Int(event.seq)), \(String(name.prefix(255))), \(event.vendor.rawValue), \(String(event.siteKey.prefix(255))),
                        \(String(event.actor.prefix(255))), \(event.note), \(event.recordedAt))
                """)
        }
        return events.count
    }
}
