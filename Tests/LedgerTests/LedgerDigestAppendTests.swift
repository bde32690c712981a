import Foundation
import Ledger
import PostgresClient
import TestSupport
import Testing

@Suite("Ledger digests written by appends", .serialized)
struct LedgerDigestAppendTests {
    @Test("every committed append writes the new head as one line of its month file")
    func everyAppend() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let log = LedgerDigestLog(folder: temporary.sub("digests"))
        let (database, session, results) = try DigestTestbed.seeded("digestappend", runs: 3, devices: 4, log: log)
        defer { database.drop() }
        let head = try #require(try Ledger(session: session, digests: nil).headDigest())
        #expect(head.seq == 15 && head.events == 15)
        #expect(results.map(\.head.seq) == [5, 10, 15])
        #expect(results.last?.head == head)
        for result in results {
            #expect(result.digestWrite == .written(file: log.file(for: result.head).path))
        }
        let listing = try log.readAll()
        #expect(listing.entries.compactMap(\.digest) == results.map(\.head))
        #expect(listing.files == Array(Set(results.map { "\($0.head.month).jsonl" })).sorted())
        // The file is named by the head's recorded_at month (server time, UTC).
        let month = CalendarDate(head.recordedAt, in: TimeZone(identifier: "UTC")!)
        #expect(head.month == String(month.description.prefix(7)))
    }

    @Test("a retried run appends nothing but writes the current head again")
    func retryWritesHead() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let log = LedgerDigestLog(folder: temporary.url)
        let database = try TestDatabase.create("digestretry")
        defer { database.drop() }
        let ledger = Ledger(session: try database.session(), digests: log)
        let first = LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-01")!, devices: 0..<3)
        try ledger.append(first)
        let second = try ledger.append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-02")!, devices: 0..<3))
        let retry = try ledger.append(first)
        #expect(!retry.appended)
        #expect(retry.head == second.head)
        #expect(try log.readAll().entries.compactMap(\.digest?.seq) == [4, 8, 8])
    }

    @Test("an append inside the caller's transaction leaves the digest to the caller, after COMMIT")
    func deferredInsideTransaction() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let log = LedgerDigestLog(folder: temporary.url)
        let database = try TestDatabase.create("digestdeferred")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session, digests: log)
        let result = try session.transaction {
            try ledger.append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-01")!, devices: 0..<3))
        }
        #expect(result.digestWrite == .deferredToCaller)
        #expect(try log.readAll().entries.isEmpty)
        #expect(ledger.writeDigest(result.head) == .written(file: log.file(for: result.head).path))
        #expect(try log.readAll().entries.compactMap(\.digest) == [result.head])

        // A rolled-back append leaves no digest behind.
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try session.transaction {
                try ledger.append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-02")!, devices: 0..<3))
                throw Abort()
            }
        }
        #expect(try log.readAll().entries.count == 1)
        #expect(try ledger.headSeq() == 4)
    }

    @Test("a digest that cannot be written warns and leaves the append committed")
    func failedDigestWrite() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        try Data("in the way".utf8).write(to: temporary.sub("not-a-folder"))
        let warnings = WarningRecorder()
        let log = LedgerDigestLog(folder: temporary.sub("not-a-folder"), warn: { warnings.record($0) })
        let database = try TestDatabase.create("digestfails")
        defer { database.drop() }
        let session = try database.session()
        let result = try Ledger(session: session, digests: log)
            .append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-01")!, devices: 0..<3))
        #expect(result.appended && result.lastSeq == 4)
        guard case .failed = result.digestWrite else {
            Issue.record("expected a failed digest write, got \(result.digestWrite)")
            return
        }
        #expect(warnings.all.count == 1)
        #expect(warnings.all.first?.contains("ledger seq 4 is committed, but its digest could not be written") == true)
        #expect(try Ledger(session: session, digests: nil).headSeq() == 4)
        #expect(try LedgerVerifier(session: session).verify().isIntact)
    }

    @Test("a ledger without a digest log writes no digest")
    func notConfigured() throws {
        let database = try TestDatabase.create("digestnone")
        defer { database.drop() }
        let result = try Ledger(session: try database.session(), digests: nil)
            .append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-01")!, devices: 0..<2))
        #expect(result.digestWrite == .notConfigured)
        #expect(result.head.seq == 3)
    }
}
