import Foundation
import InventoryRules
import Ledger
import PostgresClient
import Projections
import TestSupport
import Testing

@Suite("Site aliases as ledger events", .serialized)
struct SiteAliasTests {
    static func openSiteMismatches(_ session: PostgresSession, schema: String = "public") throws -> Int {
        try session.query("""
            SELECT count(*)::int FROM \(identifier: schema).exceptions WHERE type = 'SITE_MISMATCH' AND resolution IS NULL
            """)[0].decode(Int.self, 0)
    }

    @Test("suggest --apply removes the SITE_MISMATCH of clients spelled differently; replay before it, rebuild and unalias behave")
    func aliasLifecycle() throws {
        let database = try TestDatabase.create("sitealias")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        // The first six clients: "Acme Dental Group, LLC", "Delgado and Finch Law" and
        // "Evergreen CU" are ThreatLocker's spellings of NinjaOne's clients.
        let fleet = FleetLedger(ninja: 90, threatLocker: 80, organizations: 6)
        for day in 0..<8 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        _ = try ProjectionEngine(session: session).catchUp()
        let before = try Self.openSiteMismatches(session)
        let clearedQuery: PostgresQuery = "SELECT count(*)::int FROM exceptions WHERE type = 'SITE_MISMATCH' AND resolution = 'cleared'"
        let clearedBefore = try session.query(clearedQuery)[0].decode(Int.self, 0)
        #expect(before > 5, "spelling differences alone make many SITE_MISMATCH episodes")
        let beforeAlias = Date()
        Thread.sleep(forTimeInterval: 0.01)  // recorded_at of the alias events is after this instant (server clock, microseconds)

        let suggestions = try SiteSuggestionQuery().suggestions(session)
        let confident = suggestions.filter(\.confident)
        #expect(confident.contains { $0.threatLocker.name == "Acme Dental Group, LLC" && $0.ninja.name == "Acme Dental Group" })
        #expect(confident.contains { $0.threatLocker.name == "Delgado and Finch Law" })
        #expect(!suggestions.contains { $0.ninja.name != $0.threatLocker.name && ClientNameNormalizer.normalize($0.ninja.name) == "brookwater logistics" })
        try SiteAliasWriter(session: session).record(confident.map {
            SiteAliasEvent(vendor: .threatLocker, siteKey: $0.threatLocker.siteKey, canonicalName: $0.canonicalName, actor: "sites suggest", note: nil)
        })
        let after = try Self.openSiteMismatches(session)
        #expect(after < before)
        // What remains are devices whose two records name different clients under the aliases.
        let remaining = try session.query("""
            SELECT details::text FROM exceptions WHERE type = 'SITE_MISMATCH' AND resolution IS NULL
            """).map { try $0.decode(String.self, 0) }
        for details in remaining {
            #expect(!details.contains("\"client\":\"acme dental group, llc\""), "Acme's ThreatLocker spelling no longer counts as another client")
        }
        #expect(try session.query("SELECT count(*)::int FROM site_alias")[0].decode(Int.self, 0) == confident.count)
        let cleared = try session.query(clearedQuery)[0].decode(Int.self, 0)
        #expect(cleared <= clearedBefore, "evaluated again on every day, the false episodes never held: they are gone, not cleared")

        // An auditor replaying as of before the aliases sees what the system showed then.
        let range = fleet.date(ofDay: 0)...fleet.date(ofDay: 7)
        _ = try Replayer(session: session).replay(.init(range: range, knownAt: beforeAlias), into: "before_alias")
        #expect(try Self.openSiteMismatches(session, schema: "before_alias") == before)
        _ = try Replayer(session: session).replay(.init(range: range), into: "with_alias")
        #expect(try Self.openSiteMismatches(session, schema: "with_alias") == after)

        let caughtUp = try allDigests(session)
        let rebuilt = try ProjectionEngine(session: session).rebuild()
        #expect(rebuilt.changes.isEmpty, "\(rebuilt.changes.prefix(5))")
        #expect(try allDigests(session) == caughtUp)
        #expect(try Self.openSiteMismatches(session) == after, "a rebuild keeps the aliases: they are ledger events")

        let acme = try #require(confident.first { $0.threatLocker.name == "Acme Dental Group, LLC" })
        try SiteAliasWriter(session: session).record([
            SiteAliasEvent(vendor: .threatLocker, siteKey: acme.threatLocker.siteKey, canonicalName: nil, actor: "test", note: "wrong client")
        ])
        #expect(try Self.openSiteMismatches(session) > after, "unalias brings Acme's mismatches back")
        #expect(throws: SiteAliasWriter.Failure.self) {
            try SiteAliasWriter(session: session).record([SiteAliasEvent(vendor: .ninja, siteKey: "no-such-site", canonicalName: "X", actor: "t", note: nil)])
        }
    }
}
