import Foundation
import Ledger
import PostgresClient
import TestSupport
import Testing

@Suite("Ledger immutability and verify", .serialized)
struct LedgerImmutabilityTests {
    static let statements = [
        "UPDATE ledger_event SET subject = 'x' WHERE seq = 1",
        "DELETE FROM ledger_event WHERE seq = 1",
        "TRUNCATE ledger_event",
        "UPDATE ledger_dictionary SET sample_count = 0",
        "DELETE FROM ledger_dictionary",
        "TRUNCATE ledger_dictionary CASCADE",
    ]

    static func seeded(_ name: String) throws -> (TestDatabase, PostgresSession) {
        let database = try TestDatabase.create(name)
        let session = try database.session()
        let ledger = Ledger(session: session)
        try ledger.append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-01")!, devices: 0..<20))
        try ledger.append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-02")!, devices: 0..<20))
        return (database, session)
    }

    @Test("the owner cannot change or remove ledger rows", arguments: statements)
    func ownerRejected(statement: String) throws {
        let (database, session) = try Self.seeded("ledgerowner")
        defer { database.drop() }
        let error = #expect(throws: PostgresError.self) { try session.execute(statement) }
        #expect(error?.message.contains("append-only") == true)
        #expect(try session.query("SELECT count(*) FROM ledger_event")[0].decode(Int.self, 0) == 42)
    }

    @Test("the application roles cannot change or remove ledger rows", arguments: ["inventory_collector", "inventory_projector", "inventory_auditor"])
    func rolesRejected(role: String) throws {
        let (database, session) = try Self.seeded("ledgerroles")
        defer { database.drop() }
        try session.execute("SET ROLE \(role)")
        for statement in Self.statements.prefix(3) {
            #expect(throws: PostgresError.self) { try session.execute(statement) }
        }
        try session.execute("RESET ROLE")
        #expect(try session.query("SELECT count(*) FROM ledger_event")[0].decode(Int.self, 0) == 42)
    }

    @Test("the collector role can append; the auditor role cannot")
    func roleAppends() throws {
        let (database, session) = try Self.seeded("ledgerroleappend")
        defer { database.drop() }
        try session.execute("SET ROLE inventory_collector")
        try Ledger(session: session).append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-03")!, devices: 0..<3))
        try session.execute("SET ROLE inventory_auditor")
        #expect(throws: PostgresError.self) {
            try Ledger(session: session).append(LedgerTestRuns.ninjaRun(day: CalendarDate("2025-03-04")!, devices: 0..<3))
        }
        try session.execute("RESET ROLE")
        #expect(try LedgerVerifier(session: session).verify().isIntact)
    }

    /// A superuser bypasses the triggers; verify must still name the first affected seq.
    static func tampered(_ name: String, _ sql: String) throws -> LedgerVerifier.Report {
        let (database, session) = try seeded(name)
        defer { database.drop() }
        #expect(try LedgerVerifier(session: session).verify().isIntact)
        try session.execute("ALTER TABLE ledger_event DISABLE TRIGGER USER")
        try session.execute(sql)
        try session.execute("ALTER TABLE ledger_event ENABLE TRIGGER USER")
        return try LedgerVerifier(session: session).verify()
    }

    @Test("one changed payload byte is caught at its seq")
    func payloadByte() throws {
        let report = try Self.tampered("tamperbyte", """
            UPDATE ledger_event SET payload = set_byte(payload, octet_length(payload) / 2, (get_byte(payload, octet_length(payload) / 2) + 1) % 256)
            WHERE seq = 17
            """)
        #expect(report.firstBadSeq == 17)
        #expect(report.verifiedCount == 16)
    }

    @Test("one changed observed_on is caught at its seq")
    func observedOn() throws {
        let report = try Self.tampered("tamperdate", "UPDATE ledger_event SET observed_on = observed_on + 1 WHERE seq = 30")
        #expect(report.firstBadSeq == 30)
        #expect(report.reason?.contains("chain") == true)
    }

    @Test("one deleted row is caught at its seq")
    func deletedRow() throws {
        let report = try Self.tampered("tamperdelete", "DELETE FROM ledger_event WHERE seq = 25")
        #expect(report.firstBadSeq == 25)
        #expect(report.reason?.contains("missing") == true)
    }

    @Test("a deleted last row is caught through the counter")
    func deletedTail() throws {
        let report = try Self.tampered("tampertail", "DELETE FROM ledger_event WHERE seq = 42")
        #expect(report.firstBadSeq == 42)
    }

    @Test("a rewritten payload with a matching payload hash still breaks the chain")
    func forgedHash() throws {
        let report = try Self.tampered("tamperforged", """
            UPDATE ledger_event SET payload_sha256 = sha256(payload) WHERE seq = 5
            """)
        #expect(report.firstBadSeq == 5)
    }

    @Test("a changed raw_len is caught at its seq as a size mismatch")
    func rawLength() throws {
        let report = try Self.tampered("tamperrawlen", "UPDATE ledger_event SET raw_len = raw_len + 1 WHERE seq = 12")
        #expect(report.firstBadSeq == 12)
        #expect(report.verifiedCount == 11)
        #expect(report.reason?.contains("not the declared") == true)
    }

    @Test("a dict_id naming no dictionary is caught at its seq")
    func unknownDictionary() throws {
        let report = try Self.tampered("tamperdict", """
            ALTER TABLE ledger_event DROP CONSTRAINT ledger_event_dict_id_fkey;
            UPDATE ledger_event SET dict_id = 9999 WHERE seq = 8
            """)
        #expect(report.firstBadSeq == 8)
        #expect(report.reason == "dict_id 9999 names no ledger dictionary")
    }

    @Test("small batches: the first bad seq, the count before it and the chain at each asked seq are the same as in one batch")
    func acrossBatches() throws {
        let (database, session) = try Self.seeded("verifybatches")
        defer { database.drop() }
        let stored = Dictionary(uniqueKeysWithValues: try session.query("SELECT seq, chain_sha256 FROM ledger_event WHERE seq IN (1, 7, 8, 29, 42)").map {
            (Int64(try $0.decode(Int.self, 0)), try $0.decode([UInt8].self, 1))
        })
        for batchSize in [1, 7, 4_096] {
            var progress: [Int] = []
            let report = try LedgerVerifier(session: session).verify(batchSize: batchSize, chainAt: [1, 7, 8, 29, 42]) { done, head in
                #expect(head == 42)
                progress.append(done)
            }
            #expect(report.isIntact)
            #expect(report.verifiedCount == 42)
            #expect(report.chainAtSeqs == stored)
            #expect(progress.last == 42)
            #expect(progress == progress.sorted())
        }
        // The same first bad seq, reason, count and chain hashes whatever the batch size.
        func expectFirstBad(_ seq: Int64, reason: String, chainAt: Set<Int64>) throws {
            for batchSize in [1, 7, 4_096] {
                let report = try LedgerVerifier(session: session).verify(batchSize: batchSize, chainAt: chainAt)
                #expect(report.firstBadSeq == seq, "batch size \(batchSize)")
                #expect(report.reason == reason)
                #expect(report.verifiedCount == Int(seq) - 1)
                #expect(report.chainAtSeqs.keys.sorted() == chainAt.filter { $0 < seq }.sorted())
            }
        }
        func tamper(_ sql: String) throws {
            try session.execute("ALTER TABLE ledger_event DISABLE TRIGGER USER")
            try session.execute(sql)
            try session.execute("ALTER TABLE ledger_event ENABLE TRIGGER USER")
        }
        try tamper("UPDATE ledger_event SET subject = subject || 'x' WHERE seq = 30")
        try expectFirstBad(
            30, reason: "chain_sha256 does not match the event's fields and the previous event's chain hash", chainAt: [29, 31])
        // A payload that fails in an earlier batch than the chain does is the first bad seq,
        // with its own reason, although the chain stage runs beside the payload stage.
        try tamper("UPDATE ledger_event SET payload_sha256 = sha256(payload) WHERE seq = 12")
        try expectFirstBad(12, reason: "the payload does not match payload_sha256", chainAt: [11, 29])
    }
}
