import Foundation
import Ledger
import PostgresClient
import TestSupport
import Testing

@Suite("Ledger append", .serialized)
struct LedgerAppendTests {
    @Test("a run is appended with contiguous seq, its completion last, and verifies")
    func appendRun() throws {
        let database = try TestDatabase.create("ledgerappend")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let day = CalendarDate("2025-03-01")!
        let result = try ledger.append(LedgerTestRuns.ninjaRun(day: day, devices: 0..<50))
        #expect(result.appended)
        #expect(result.firstSeq == 1 && result.lastSeq == 51 && result.eventCount == 51)
        var types: [String] = []
        var payloads: [[UInt8]] = []
        try ledger.forEachEvent { event in
            types.append(event.eventType)
            payloads.append(event.payload)
        }
        #expect(types.count == 51)
        #expect(types.last == LedgerEventType.collectionCompleted)
        #expect(Set(types.dropLast()) == [LedgerEventType.deviceObserved])
        let original = LedgerTestRuns.ninjaRun(day: day, devices: 0..<50).events.map(\.payload)
        #expect(Array(payloads.dropLast()) == original)
        let report = try LedgerVerifier(session: session).verify()
        #expect(report.isIntact && report.verifiedCount == 51)
    }

    @Test("re-appending a run with the same run_id appends nothing")
    func idempotentRun() throws {
        let database = try TestDatabase.create("ledgerretry")
        defer { database.drop() }
        let ledger = Ledger(session: try database.session())
        let run = LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-01")!, devices: 0..<10)
        #expect(try ledger.append(run).appended)
        let again = try ledger.append(run)
        #expect(!again.appended)
        #expect(again.firstSeq == 1 && again.lastSeq == 11)
        #expect(try ledger.headSeq() == 11)
    }

    @Test("filters and bounds select events by type, vendor, date and seq")
    func filteredRead() throws {
        let database = try TestDatabase.create("ledgerfilter")
        defer { database.drop() }
        let ledger = Ledger(session: try database.session())
        for (offset, day) in ["2025-03-01", "2025-03-02", "2025-03-03"].enumerated() {
            try ledger.append(LedgerTestRuns.ninjaRun(day: CalendarDate(day)!, devices: 0..<(5 + offset)))
        }
        var seen: [Int64] = []
        try ledger.forEachEvent(
            filter: LedgerFilter(eventTypes: [LedgerEventType.deviceObserved], vendorID: 3,
                                 observedOn: CalendarDate("2025-03-02")!...CalendarDate("2025-03-03")!),
            batchSize: 4
        ) { seen.append($0.seq) }
        #expect(seen == Array(7...12) + Array(14...20))
        var bounded = 0
        try ledger.forEachEvent(filter: LedgerFilter(maxSeq: 6)) { _ in bounded += 1 }
        #expect(bounded == 6)
        var known = 0
        try ledger.forEachEvent(filter: LedgerFilter(recordedAtOrBefore: Date(timeIntervalSince1970: 0))) { _ in known += 1 }
        #expect(known == 0)
    }

    @Test("two appenders at once: seq is exactly 1…N, each run contiguous, the chain verifies")
    func concurrentAppenders() async throws {
        let database = try TestDatabase.create("ledgerconcurrent")
        defer { database.drop() }
        let runsPerWriter = 8
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let connection = try await database.connection()
                    for run in 0..<runsPerWriter {
                        let day = CalendarDate("2025-03-01")!.adding(days: writer * 100 + run)
                        try await connection.withSession { try Ledger(session: $0).append(LedgerTestRuns.ninjaRun(day: day, devices: 0..<(20 + run))) }
                    }
                    await connection.close()
                }
            }
            try await group.waitForAll()
        }
        let session = try database.session()
        let expected = 2 * (0..<runsPerWriter).map { 21 + $0 }.reduce(0, +)
        let summary = try session.query("SELECT count(*), min(seq), max(seq) FROM ledger_event")[0]
        #expect(try summary.decode(Int.self, 0) == expected)
        #expect(try summary.decode(Int.self, 1) == 1)
        #expect(try summary.decode(Int.self, 2) == expected)
        let gaps = try session.query("""
            SELECT count(*) FROM (SELECT run_id, max(seq) - min(seq) + 1 AS span, count(*) AS n FROM ledger_event GROUP BY run_id) r
            WHERE span <> n
            """)[0].decode(Int.self, 0)
        #expect(gaps == 0)
        #expect(try LedgerVerifier(session: session).verify().isIntact)
    }

    @Test("a run whose connection is killed during COPY leaves no event and no seq behind")
    func killedDuringCopy() async throws {
        let database = try TestDatabase.create("ledgerkilled")
        defer { database.drop() }
        let blocker = try database.session()
        try Ledger(session: blocker).append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-01")!, devices: 0..<5))
        // Hold a lock that COPY into ledger_event must wait for, so the appender stops inside its COPY.
        try blocker.execute("BEGIN; LOCK TABLE ledger_event IN SHARE MODE")
        let victim = try await database.connection()
        let victimPID = try await victim.withSession { $0.backendPID }
        let doomed = LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-02")!, devices: 0..<500)
        let append = Task { try await victim.withSession { try Ledger(session: $0).append(doomed) } }
        let monitor = try database.session()
        var waiting = false
        for _ in 0..<2_400 where !waiting {  // up to a minute on a busy machine; it ends as soon as the appender waits
            waiting = try monitor.query("""
                SELECT count(*) FROM pg_stat_activity WHERE pid = \(victimPID) AND wait_event_type = 'Lock' AND query LIKE 'COPY ledger_event%'
                """)[0].decode(Int.self, 0) == 1
            if !waiting { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(waiting, "the appender should be waiting inside its COPY")
        try monitor.query("SELECT pg_terminate_backend(\(victimPID))")
        await #expect(throws: (any Error).self) { try await append.value }
        try blocker.execute("COMMIT")
        #expect(try monitor.query("SELECT count(*) FROM ledger_event WHERE run_id = \(doomed.runID)")[0].decode(Int.self, 0) == 0)
        #expect(try Ledger(session: monitor).headSeq() == 6)
        let next = try Ledger(session: monitor).append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-03")!, devices: 0..<3))
        #expect(next.firstSeq == 7)
        #expect(try LedgerVerifier(session: monitor).verify().isIntact)
    }
}
