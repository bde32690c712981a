import Foundation
import Ledger
import PostgresClient
import TestSupport
import Testing

/// The acceptance tests: what the chain alone cannot see, the digests do.
@Suite("Ledger digests in verify", .serialized)
struct LedgerDigestVerifyTests {
    /// Three runs of 20 devices: seq 1…21, 22…42, 43…63, a digest after each.
    static func seeded(_ name: String, _ temporary: TemporaryDigestFolder) throws -> (TestDatabase, PostgresSession, [LedgerAppendResult], LedgerDigestLog) {
        let log = LedgerDigestLog(folder: temporary.sub("digests"))
        let (database, session, results) = try DigestTestbed.seeded(name, runs: 3, devices: 20, log: log)
        return (database, session, results, log)
    }

    /// Where the digest of `seq` was written.
    static func place(of seq: Int64, in log: LedgerDigestLog) throws -> (file: String, line: Int) {
        let entry = try #require(try log.readAll().entries.first { $0.digest?.seq == seq })
        return (entry.file, entry.line)
    }

    @Test("(a) a payload changed with every later chain hash recomputed passes the chain check alone and fails on the digests")
    func rewrittenChain() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let (database, session, results, log) = try Self.seeded("digestrewrite", temporary)
        defer { database.drop() }
        #expect(results.map(\.head.seq) == [21, 42, 63])
        try DigestTestbed.rewriteChain(session, target: 30, payloadOf: 25)

        // The forged event really differs, and is self-consistent.
        var forged: LedgerEvent?
        try Ledger(session: session, digests: nil).forEachEvent(after: 29, filter: LedgerFilter(maxSeq: 30)) { forged = $0 }
        #expect(forged?.payload == LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-02")!, devices: 0..<20).events[3].payload)

        // The documented limit: without digests, a consistently recomputed chain verifies.
        let chainOnly = try LedgerVerifier(session: session).verify()
        #expect(chainOnly.isIntact && chainOnly.verifiedCount == 63)

        let outcome = try LedgerVerifier(session: session).verify(digests: log)
        #expect(outcome.chain.isIntact)
        #expect(!outcome.isProven)
        #expect(outcome.digests.status == .failed)
        #expect(outcome.digests.newestHeldSeq == 21)
        #expect(outcome.digests.failures.map(\.seq) == [42, 63])
        #expect(outcome.digests.failures.allSatisfy { $0.kind == .rewrittenChain })
        let first = try #require(outcome.digests.failures.first)
        let place = try Self.place(of: 42, in: log)
        #expect(first.file == place.file && first.line == place.line)
        // The first failing digest bounds the rewrite: after the digest that holds (21), up to 42.
        #expect(first.message.contains("\(place.file) line \(place.line)"))
        #expect(first.message.contains("seq 22…42"))
        #expect(first.message.contains("rewritten chain"))
    }

    @Test("(b) the newest run deleted and the counter moved back fails on the digests as a truncated tail")
    func truncatedTail() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let (database, session, results, log) = try Self.seeded("digesttruncate", temporary)
        defer { database.drop() }
        try DigestTestbed.truncateNewestRun(session, results[2])

        let chainOnly = try LedgerVerifier(session: session).verify()
        #expect(chainOnly.isIntact && chainOnly.headSeq == 42)

        let outcome = try LedgerVerifier(session: session).verify(digests: log)
        #expect(outcome.chain.isIntact)
        #expect(outcome.digests.status == .failed)
        #expect(outcome.digests.newestHeldSeq == 42)
        let failure = try #require(outcome.digests.failures.first)
        #expect(outcome.digests.failures.count == 1)
        #expect(failure.kind == .truncatedTail && failure.seq == 63)
        let place = try Self.place(of: 63, in: log)
        #expect(failure.file == place.file && failure.line == place.line)
        #expect(failure.message.contains("past the ledger's head 42"))

        // Appending a different run in the removed positions is then a rewritten chain at seq 63.
        let refill = try Ledger(session: session, digests: nil)
            .append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-09")!, devices: 0..<20))
        #expect(refill.lastSeq == 63)
        let refilled = try LedgerVerifier(session: session).verify(digests: log)
        #expect(refilled.chain.isIntact)
        #expect(refilled.digests.failures.map(\.kind) == [.rewrittenChain])
        #expect(refilled.digests.failures.first?.message.contains("seq 43…63") == true)
    }

    /// recorded_at is the server's clock, so a test cannot append across twelve months. The
    /// ledger's real heads (seq and chain hash of 24 runs) are therefore written into twelve
    /// month files with recorded_at set one month apart: this shows the verifier reads and
    /// checks every `*.jsonl` of a year-long folder; it does not show a year of wall-clock appends.
    @Test("(c) an untouched ledger with a year of digests in twelve monthly files holds")
    func yearOfDigests() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let written = LedgerDigestLog(folder: temporary.sub("written"))
        let (database, session, results) = try DigestTestbed.seeded("digestyear", runs: 24, devices: 2, log: written)
        defer { database.drop() }
        let year = LedgerDigestLog(folder: temporary.sub("year"))
        for (index, result) in results.enumerated() {
            let month = CalendarDate(year: 2024 + (3 + index / 2) / 12, month: (3 + index / 2) % 12 + 1, day: 1 + index % 2 * 14)!
            try year.append(LedgerDigest(
                seq: result.head.seq, chainSHA256: result.head.chainSHA256,
                recordedAtMicros: Int64(month.daysSinceEpoch) * 86_400_000_000 + 7_200_000_000, events: result.head.events))
        }
        let listing = try year.readAll()
        #expect(listing.files.count == 12)
        #expect(listing.files.first == "2024-04.jsonl" && listing.files.last == "2025-03.jsonl")

        let outcome = try LedgerVerifier(session: session).verify(digests: year)
        #expect(outcome.isProven)
        #expect(outcome.digests.status == .held)
        #expect(outcome.digests.files.count == 12)
        #expect(outcome.digests.checked == 24)
        #expect(outcome.digests.newestHeldSeq == 72)
        #expect(outcome.digests.failures.isEmpty)
        // The digests the appends themselves wrote hold too.
        let own = try LedgerVerifier(session: session).verify(digests: written)
        #expect(own.isProven && own.digests.checked == 24)
    }

    @Test("no digest folder is its own outcome, not a pass")
    func missingFolder() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let (database, session, _, _) = try Self.seeded("digestmissing", temporary)
        defer { database.drop() }
        let outcome = try LedgerVerifier(session: session).verify(digests: LedgerDigestLog(folder: temporary.sub("absent")))
        #expect(outcome.chain.isIntact)
        #expect(outcome.digests.status == .missing)
        #expect(!outcome.isProven)
        #expect(outcome.digests.folder == temporary.sub("absent").path)
    }

    @Test("a chain broken before a digest leaves that digest uncompared, and verify still fails at the bad seq")
    func brokenChainFirst() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let (database, session, _, log) = try Self.seeded("digestbroken", temporary)
        defer { database.drop() }
        try DigestTestbed.behindTheTriggers(session) {
            try session.execute("UPDATE ledger_event SET observed_on = observed_on + 1 WHERE seq = 30")
        }
        let outcome = try LedgerVerifier(session: session).verify(digests: log)
        #expect(outcome.chain.firstBadSeq == 30)
        #expect(outcome.digests.status == .incomplete)
        #expect(outcome.digests.checked == 1 && outcome.digests.unchecked == 2)
    }
}
