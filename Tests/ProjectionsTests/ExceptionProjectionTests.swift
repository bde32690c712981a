import Foundation
import Ledger
import PostgresClient
import Projections
import TestSupport
import Testing

@Suite("Exceptions projection", .serialized)
struct ExceptionProjectionTests {
    /// A billable Windows NinjaOne device that ThreatLocker also has on day 0.
    static func protectedDevice(_ session: PostgresSession, day: CalendarDate) throws -> String {
        try session.query("""
            SELECT lower(split_part(n.hostname, '.', 1)) FROM device_snapshot n
            JOIN device_snapshot t ON t.vendor_id = 4 AND t.snapshot_date = n.snapshot_date
                 AND lower(split_part(t.hostname, '.', 1)) = lower(split_part(n.hostname, '.', 1))
            WHERE n.vendor_id = 3 AND n.snapshot_date = \(day) AND n.os_name LIKE '%Windows%' AND n.billing_status_id = 1
              AND length(split_part(n.hostname, '.', 1)) <= 15
            ORDER BY 1 LIMIT 1
            """)[0].decode(String.self, 0)
    }

    @Test("a condition that clears and returns opens a new episode; a resolution survives rebuild")
    func episodes() throws {
        let database = try TestDatabase.create("exceptionepisodes")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        let engine = ProjectionEngine(session: session)
        try ledger.append(fleet.ninjaRun(day: 0))
        try ledger.append(fleet.threatLockerRun(day: 0))
        _ = try engine.catchUp()
        let key = try Self.protectedDevice(session, day: fleet.date(ofDay: 0))
        // The agent disappears on day 1, is back on day 2 and gone again on days 3 and 4.
        for (day, excluded) in [(1, [key]), (2, []), (3, [key]), (4, [key])] {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day, excluding: Set(excluded)))
            _ = try engine.catchUp()
        }
        let episodes = try session.query("""
            SELECT date_found::text, last_seen_date::text, resolution, id FROM exceptions
            WHERE type = 'MISSING_THREATLOCKER' AND hostname = \(key) ORDER BY date_found
            """)
        #expect(episodes.count == 2)
        #expect(try episodes[0].decode(String.self, 0) == fleet.date(ofDay: 1).description)
        #expect(try episodes[0].decode(String?.self, 2) == "cleared")
        #expect(try episodes[1].decode(String.self, 0) == fleet.date(ofDay: 3).description)
        #expect(try episodes[1].decode(String.self, 1) == fleet.date(ofDay: 4).description)
        #expect(try episodes[1].decode(String?.self, 2) == nil)

        let open = episodes[1]
        try ledger.append(LedgerRun(vendorID: nil, observedOn: nil, events: [LedgerEventDraft(
            eventType: LedgerEventType.exceptionResolved, vendorID: nil, observedOn: nil, subject: "MISSING_THREATLOCKER:\(key)",
            payload: LedgerPayload.exceptionResolved(
                type: "MISSING_THREATLOCKER", key: key, dateFound: try open.decode(String.self, 0), resolvedBy: "tech@msp", note: "spare laptop"))],
            completion: nil))
        _ = try engine.catchUp()
        func resolution() throws -> (Bool, String?, String?) {
            let row = try session.query("SELECT resolved, resolution, resolved_by FROM exceptions WHERE id = \(try open.decode(Int.self, 3))")[0]
            return (try row.decode(Bool.self, 0), try row.decode(String?.self, 1), try row.decode(String?.self, 2))
        }
        #expect(try resolution() == (true, "resolved", "tech@msp"))
        // Still missing the next day: the episode continues, still resolved, not reopened.
        try ledger.append(fleet.ninjaRun(day: 5))
        try ledger.append(fleet.threatLockerRun(day: 5, excluding: [key]))
        _ = try engine.catchUp()
        #expect(try resolution() == (true, "resolved", "tech@msp"))
        #expect(try session.query("SELECT count(*) FROM exceptions WHERE hostname = \(key) AND type = 'MISSING_THREATLOCKER'")[0].decode(Int.self, 0) == 2)
        let before = try allDigests(session)
        let rebuilt = try engine.rebuild()
        #expect(rebuilt.changes.isEmpty)
        #expect(try resolution() == (true, "resolved", "tech@msp"))
        #expect(try allDigests(session) == before)
        // The seed's unresolved-exceptions query no longer lists it.
        let unresolved = try session.query("""
            SELECT type, hostname, date_found, details FROM exceptions WHERE resolved = FALSE ORDER BY date_found DESC, type
            """).map { try $0.decode(String.self, 1) }
        #expect(!unresolved.contains(key))
    }

    @Test("a rule change rebuilt for exceptions only changes exceptions and reports the days")
    func ruleVariant() throws {
        let database = try TestDatabase.create("rulevariant")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        for day in 0..<4 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        _ = try ProjectionEngine(session: session).catchUp()
        let before = try allDigests(session)
        // A test-only variant of the matching rules: canonical keys cut at 6 characters.
        let variant = ProjectionRules(exceptionKeyLength: 6)
        let report = try ProjectionEngine(session: session, rules: variant).rebuild([.exceptions])
        #expect(report.projections == [.exceptions])
        #expect(!report.changes.isEmpty)
        #expect(Set(report.changes.map(\.table)).isSubset(of: ["exceptions", "exception_finding"]))
        let after = try allDigests(session)
        for table in ["site", "device_identity", "device_snapshot", "daily_counts", "month_end_counts", "change_log"] {
            #expect(after[table] == before[table], "\(table) must not change")
        }
        #expect(after["exception_finding"] != before["exception_finding"])
        let changedDays = Set(report.changes.filter { $0.table == "exception_finding" }.map(\.day))
        #expect(changedDays.isSubset(of: Set((0..<4).map { fleet.date(ofDay: $0).description })))
    }
}
