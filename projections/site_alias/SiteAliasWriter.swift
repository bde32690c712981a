import Foundation
import InventoryRules
import Ledger
import PostgresClient

/// Sets and removes site aliases: each change is one ledger event appended through the ledger's
/// one append path, then the projections catch up, so `site_alias` and the exceptions show it.
/// The actor is whoever the caller authenticated (an API token's name, the CLI's `--by`).
public struct SiteAliasWriter {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownSite(vendor: String, key: String)
        case noAlias(vendor: String, key: String)
        case badName(String)

        public var description: String {
            switch self {
            case .unknownSite(let vendor, let key): return "no \(vendor) site has the key \(key) (see inventory-hub sites list)"
            case .noAlias(let vendor, let key): return "the \(vendor) site \(key) has no alias"
            case .badName(let reason): return reason
            }
        }
    }

    let session: PostgresSession

    public init(session: PostgresSession) { self.session = session }

    /// Records `changes` (sets and removals) in one append and catches up; unknown sites are
    /// refused before anything is appended.
    public func record(_ changes: [SiteAliasEvent], catchUp: Bool = true) throws {
        guard !changes.isEmpty else { return }
        for change in changes {
            let vendorName = change.vendor == .ninja ? "ninja" : "threatlocker"
            if let name = change.canonicalName {
                let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty, trimmed.count <= 255, !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                    throw Failure.badName("a canonical client name is 1 to 255 characters without control characters")
                }
            }
            let known = try session.query("""
                SELECT 1 FROM site WHERE vendor_id = \(change.vendor.rawValue) AND vendor_site_key = \(change.siteKey)
                UNION ALL SELECT 1 FROM site_alias WHERE vendor_id = \(change.vendor.rawValue) AND vendor_site_key = \(change.siteKey)
                """).first != nil
            guard known else { throw Failure.unknownSite(vendor: vendorName, key: change.siteKey) }
            if change.canonicalName == nil {
                let aliased = try session.query("""
                    SELECT 1 FROM site_alias WHERE vendor_id = \(change.vendor.rawValue) AND vendor_site_key = \(change.siteKey)
                    """).first != nil
                guard aliased else { throw Failure.noAlias(vendor: vendorName, key: change.siteKey) }
            }
        }
        var drafts = changes.map(\.draft)
        for index in drafts.indices where changes[index].canonicalName != nil {
            drafts[index] = SiteAliasEvent(
                vendor: changes[index].vendor, siteKey: changes[index].siteKey,
                canonicalName: changes[index].canonicalName?.trimmingCharacters(in: .whitespacesAndNewlines), actor: changes[index].actor,
                note: changes[index].note).draft
        }
        try Ledger(session: session).append(LedgerRun(vendorID: nil, observedOn: nil, events: drafts, completion: nil))
        if catchUp { _ = try ProjectionEngine(session: session).catchUp() }
    }

    /// Records the rows of the hand-filled table that predates the ledger's alias events
    /// (`site_alias_legacy`, left by migration 0008) as `site_alias_set` events, then drops it.
    /// - Returns: how many aliases were imported.
    @discardableResult
    public static func importLegacy(_ session: PostgresSession) throws -> Int {
        guard try session.query("SELECT to_regclass('public.site_alias_legacy') IS NOT NULL")[0].decode(Bool.self, 0) else { return 0 }
        let (count, appended) = try session.transaction { () -> (Int, LedgerAppendResult?) in
            let rows = try session.query("SELECT vendor_id, vendor_site_key::text, canonical_name::text FROM site_alias_legacy ORDER BY id")
            let events = try rows.compactMap { row -> SiteAliasEvent? in
                guard let vendor = Vendor(rawValue: try row.decode(Int.self, 0)) else { return nil }
                return SiteAliasEvent(
                    vendor: vendor, siteKey: try row.decode(String.self, 1), canonicalName: try row.decode(String.self, 2),
                    actor: "migration from site_alias", note: "set by hand before aliases were ledger events")
            }
            var appended: LedgerAppendResult?
            if !events.isEmpty {
                appended = try Ledger(session: session).append(LedgerRun(vendorID: nil, observedOn: nil, events: events.map(\.draft), completion: nil))
            }
            try session.execute("DROP TABLE site_alias_legacy")
            return (events.count, appended)
        }
        if let appended, !session.isInTransaction { _ = Ledger(session: session).writeDigest(appended.head) }
        return count
    }
}
