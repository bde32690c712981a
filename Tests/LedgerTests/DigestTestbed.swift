import Foundation
import Ledger
import PostgresClient
import Synchronization
import TestSupport

/// A folder under the system's temporary directory, removed by `remove()`.
struct TemporaryDigestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-digests-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func sub(_ name: String) -> URL { url.appendingPathComponent(name) }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Collects the warnings a digest log gives, so a test can assert on them.
final class WarningRecorder: Sendable {
    private let messages = Mutex<[String]>([])
    func record(_ message: String) { messages.withLock { $0.append(message) } }
    var all: [String] { messages.withLock { $0 } }
}

/// Ledgers with digests, and the forger who rewrites them behind the triggers' back.
enum DigestTestbed {
    /// A migrated database holding `runs` NinjaOne runs of `devices` devices (so `devices + 1`
    /// events each), appended with digests written to `log`.
    static func seeded(_ name: String, runs: Int, devices: Int, log: LedgerDigestLog) throws -> (TestDatabase, PostgresSession, [LedgerAppendResult]) {
        let database = try TestDatabase.create(name)
        let session = try database.session()
        let ledger = Ledger(session: session, digests: log)
        var results: [LedgerAppendResult] = []
        for run in 0..<runs {
            let day = CalendarDate("2025-03-01")!.adding(days: run)
            results.append(try ledger.append(LedgerTestRuns.ninjaRun(day: day, devices: 0..<devices)))
        }
        return (database, session, results)
    }

    /// As a superuser: disables every trigger of the ledger tables, runs `body`, enables them.
    static func behindTheTriggers(_ session: PostgresSession, _ body: () throws -> Void) throws {
        try session.execute("ALTER TABLE ledger_event DISABLE TRIGGER ALL; ALTER TABLE ledger_seq_counter DISABLE TRIGGER ALL")
        try body()
        try session.execute("ALTER TABLE ledger_event ENABLE TRIGGER ALL; ALTER TABLE ledger_seq_counter ENABLE TRIGGER ALL")
    }

    /// Gives event `target` the payload of event `source` (same dictionary, so the stored block
    /// decodes), recomputes its `payload_sha256`, and recomputes every `chain_sha256` from
    /// `target` to the head exactly as the append path does: a forgery the chain check
    /// cannot see.
    static func rewriteChain(_ session: PostgresSession, target: Int64, payloadOf source: Int64) throws {
        var events: [LedgerEvent] = []
        try Ledger(session: session, digests: nil).forEachEvent { events.append($0) }
        let donor = events[Int(source) - 1]
        let forgedHash = LedgerChain.sha256(donor.payload)
        try behindTheTriggers(session) {
            try session.query("""
                UPDATE ledger_event SET payload = (SELECT payload FROM ledger_event WHERE seq = \(source)),
                       dict_id = (SELECT dict_id FROM ledger_event WHERE seq = \(source)), raw_len = \(donor.payload.count), payload_sha256 = \(forgedHash)
                WHERE seq = \(target)
                """)
            var previous = target == 1 ? LedgerChain.genesis : events[Int(target) - 2].chainSHA256
            for event in events[Int(target - 1)...] {
                let forged = event.seq == target
                let chain = LedgerChain.next(previous: previous, .init(
                    seq: event.seq, eventType: event.eventType, vendorID: event.vendorID, runID: event.runID,
                    observedOn: event.observedOn, subject: event.subject, recordedAtMicros: event.recordedAtMicros,
                    dictionaryID: forged ? donor.dictionaryID : event.dictionaryID,
                    rawLength: forged ? donor.payload.count : event.payload.count,
                    payloadSHA256: forged ? forgedHash : event.payloadSHA256))
                try session.query("UPDATE ledger_event SET chain_sha256 = \(chain) WHERE seq = \(event.seq)")
                previous = chain
            }
        }
    }

    /// Deletes the events of the newest run and moves the counter back to the one before it.
    static func truncateNewestRun(_ session: PostgresSession, _ newest: LedgerAppendResult) throws {
        try behindTheTriggers(session) {
            try session.query("DELETE FROM ledger_event WHERE run_id = \(newest.runID)")
            try session.query("UPDATE ledger_seq_counter SET last_seq = \(newest.firstSeq - 1)")
        }
    }
}
