import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite("PostgresClient against a real server", .serialized)
struct PostgresClientTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase.shared("postgresclient") }

    @Test("a value that looks like SQL travels as data")
    func injection() throws {
        let session = try database.session()
        let hostile = "'); DROP TABLE vendor; --"
        let rows = try session.query("SELECT \(hostile)::text AS echoed, length(\(hostile)) AS n")
        #expect(try rows[0].decode(String.self, "echoed") == hostile)
        #expect(try rows[0].decode(Int.self, "n") == hostile.count)
        try session.query("INSERT INTO vendor (id, name) VALUES (99, \(hostile))")
        #expect(try session.query("SELECT name FROM vendor WHERE id = 99")[0].decode(String.self, 0) == hostile)
        #expect(try session.query("SELECT count(*) FROM vendor")[0].decode(Int.self, 0) == 3)
    }

    @Test("a unique violation carries SQLSTATE 23505 and the SQL, not the values")
    func uniqueViolation() throws {
        let session = try database.session()
        let error = #expect(throws: PostgresError.self) {
            try session.query("INSERT INTO vendor (id, name) VALUES (\(3), \("secret-looking value"))")
        }
        #expect(error?.sqlState == "23505")
        #expect(error?.isUniqueViolation == true)
        #expect(error?.query?.contains("INSERT INTO vendor") == true)
        #expect(error?.debugDescription.contains("secret-looking value") == false)
    }

    @Test("typed values round-trip: int, bigint, text, bool, date, timestamptz, numeric, bytea, uuid, jsonb")
    func typedRoundTrip() throws {
        let session = try database.session()
        let day = CalendarDate("2025-03-31")!
        let instant = Date(timeIntervalSince1970: 1_743_379_200.123456)
        let bytes: [UInt8] = [0, 1, 2, 0xFE, 0xFF, 0x5C, 0x0A]
        let id = UUID()
        let rows = try session.query("""
            SELECT \(Int32(7))::int AS i, \(Int64(9_000_000_000))::bigint AS b, \("tab\there")::text AS t, \(true)::bool AS f,
                   \(day)::date AS d, \(instant)::timestamptz AS ts, \(Decimal(string: "15.75")!)::numeric(10,2) AS n,
                   \(bytes)::bytea AS bin, \(id)::uuid AS u, \(PostgresJSON(#"{"b":1,"a":[true]}"#))::jsonb AS j,
                   NULL::text AS missing, \(Optional<Int>.none)::int AS none
            """)
        let row = rows[0]
        #expect(try row.decode(Int.self, "i") == 7)
        #expect(try row.decode(Int.self, "b") == 9_000_000_000)
        #expect(try row.decode(String.self, "t") == "tab\there")
        #expect(try row.decode(Bool.self, "f") == true)
        #expect(try row.decode(CalendarDate.self, "d") == day)
        #expect(abs(try row.decode(Date.self, "ts").timeIntervalSince(instant)) < 0.000_001)
        #expect(try row.decode(Decimal.self, "n") == Decimal(string: "15.75")!)
        #expect(try row.decode([UInt8].self, "bin") == bytes)
        #expect(try row.decode(UUID.self, "u") == id)
        #expect(try row.decode(String.self, "j") == #"{"a": [true], "b": 1}"#)
        #expect(try row.decode(String?.self, "missing") == nil)
        #expect(try row.decode(Int?.self, "none") == nil)
        #expect(throws: PostgresError.self) { try row.decode(Int.self, "missing") }
        #expect(throws: PostgresError.self) { try row.decode(Int.self, "t") }
    }

    @Test("COPY of 100,000 rows, with text that needs escaping and bytea")
    func copyHundredThousand() throws {
        let session = try database.session()
        try session.execute("CREATE TABLE copied (n bigint, label text, payload bytea, flag bool)")
        let copied = try session.copyIn("COPY copied (n, label, payload, flag) FROM STDIN") { writer in
            for n in 0..<100_000 {
                writer.appendInt(n)
                writer.appendText(n % 1000 == 0 ? "line\nbreak\\ and\ttab" : (n % 7 == 0 ? nil : "device-\(n)"))
                writer.appendBytea([UInt8(n & 0xFF), 0x00, 0x5C])
                writer.appendBool(n % 2 == 0)
                try writer.endRow()
            }
        }
        #expect(copied == 100_000)
        let summary = try session.query("""
            SELECT count(*), sum(n), count(label), max(octet_length(payload)),
                   (SELECT label FROM copied WHERE n = 1000), (SELECT payload FROM copied WHERE n = 255)
            FROM copied
            """)[0]
        #expect(try summary.decode(Int.self, 0) == 100_000)
        #expect(try summary.decode(Int.self, 1) == 4_999_950_000)
        #expect(try summary.decode(Int.self, 2) == 100_000 - (0..<100_000).filter { $0 % 7 == 0 && $0 % 1000 != 0 }.count)
        #expect(try summary.decode(Int.self, 3) == 3)
        #expect(try summary.decode(String.self, 4) == "line\nbreak\\ and\ttab")
        #expect(try summary.decode([UInt8].self, 5) == [0xFF, 0x00, 0x5C])
    }

    @Test("binary COPY and text COPY of the same values give the same rows, nulls, escapes and every byte value included")
    func binaryCopyMatchesText() throws {
        struct ProducerFailed: Error {}
        let session = try database.session()
        let columns = "(n bigint, small int, label text, id uuid, day date, at timestamptz, payload bytea)"
        try session.execute("CREATE TABLE copy_as_text \(columns); CREATE TABLE copy_as_binary \(columns)")
        let everyByte = (0...255).map(UInt8.init)
        let base = CalendarDate(year: 2026, month: 2, day: 28)!
        func values(_ n: Int) -> (Int64, Int?, String?, UUID, CalendarDate?, Int64, [UInt8]) {
            let id = UUID(uuid: (UInt8(n & 0xFF), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, UInt8(n >> 8 & 0xFF)))
            let label: String? = n % 5 == 0 ? nil : (n % 3 == 0 ? "tab\there\\ line\nbreak é 🖥" : "device-\(n)")
            // 1970 to 2035: both sides of 2000-01-01, PostgreSQL's epoch.
            let micros = Int64(n) * 86_400_000_000 * 40 + Int64(n) * 1_234_567
            return (Int64(n) * 3_000_000_007, n % 4 == 0 ? nil : n - 500, label, id, n % 6 == 0 ? nil : base.adding(days: n * 37 - 9_000),
                    micros, n % 7 == 0 ? [] : (n % 2 == 0 ? everyByte : [UInt8(n & 0xFF), 0x00, 0x5C]))
        }
        try session.copyIn("COPY copy_as_text FROM STDIN") { writer in
            for n in 0..<600 {
                let v = values(n)
                writer.appendInt(Int(v.0))
                writer.appendInt(v.1)
                writer.appendText(v.2)
                writer.appendText(v.3.uuidString)
                writer.appendText(v.4?.description)
                writer.appendText(PostgresTimestamp.format(micros: v.5))
                writer.appendBytea(v.6)
                try writer.endRow()
            }
        }
        func writeBinary(_ n: Int, to writer: PostgresBinaryCopyWriter) throws {
            let v = values(n)
            writer.appendInt64(v.0)
            try writer.appendInt32(v.1)
            writer.appendText(v.2)
            writer.appendUUID(v.3)
            writer.appendDate(v.4)
            writer.appendTimestamp(micros: v.5)
            writer.appendBytea(v.6)
            try writer.endRow()
        }
        let copied = try session.copyInBinary("COPY copy_as_binary FROM STDIN (FORMAT binary)", fieldCount: 7) { writer in
            for n in 0..<600 { try writeBinary(n, to: writer) }
        }
        #expect(copied == 600)
        let differences = try session.query("""
            SELECT (SELECT count(*) FROM (TABLE copy_as_text EXCEPT ALL TABLE copy_as_binary) a),
                   (SELECT count(*) FROM (TABLE copy_as_binary EXCEPT ALL TABLE copy_as_text) b),
                   (SELECT count(*) FROM copy_as_binary WHERE payload = \(everyByte)),
                   (SELECT count(*) FROM copy_as_binary WHERE label IS NULL)
            """)[0]
        #expect(try differences.decode(Int.self, 0) == 0)
        #expect(try differences.decode(Int.self, 1) == 0)
        #expect(try differences.decode(Int.self, 2) == (0..<600).filter { $0 % 2 == 0 && $0 % 7 != 0 }.count)
        #expect(try differences.decode(Int.self, 3) == 120)

        #expect(throws: ProducerFailed.self) {
            try session.copyInBinary("COPY copy_as_binary FROM STDIN (FORMAT binary)", fieldCount: 7) { writer in
                try writeBinary(1, to: writer)
                throw ProducerFailed()
            }
        }
        #expect(try session.query("SELECT count(*) FROM copy_as_binary")[0].decode(Int.self, 0) == 600)

        // An integer column refuses what does not fit, as the server would refuse its text.
        let tooLarge = #expect(throws: PostgresError.self) {
            try session.copyInBinary("COPY copy_as_binary (n, small) FROM STDIN (FORMAT binary)", fieldCount: 2) { writer in
                writer.appendInt64(1)
                try writer.appendInt32(Int(Int32.max) + 1)
                try writer.endRow()
            }
        }
        #expect(tooLarge?.message.contains("2147483648") == true)
        #expect(try session.query("SELECT count(*) FROM copy_as_binary")[0].decode(Int.self, 0) == 600)
    }

    @Test("a COPY whose producer throws keeps nothing and the session stays usable")
    func copyAborted() throws {
        struct ProducerFailed: Error {}
        let session = try database.session()
        try session.execute("CREATE TABLE aborted (n int)")
        #expect(throws: ProducerFailed.self) {
            try session.copyIn("COPY aborted (n) FROM STDIN") { writer in
                for n in 0..<10 {
                    writer.appendInt(n)
                    try writer.endRow()
                }
                throw ProducerFailed()
            }
        }
        #expect(try session.query("SELECT count(*) FROM aborted")[0].decode(Int.self, 0) == 0)
    }

    @Test("COPY TO STDOUT in the binary format, passed through into COPY FROM STDIN, copies every value exactly")
    func copyOutPassThrough() throws {
        let session = try database.session()
        let target = try database.session()
        try session.execute("CREATE TABLE copy_source (n bigint, label text, payload bytea, at timestamptz)")
        try session.execute("""
            INSERT INTO copy_source SELECT n, CASE WHEN n % 5 = 0 THEN NULL ELSE 'row ' || n || E'\\t\\n' END,
              decode(md5(n::text), 'hex'), timestamptz '2025-03-01 00:00:00+00' + n * interval '1 second'
            FROM generate_series(1, 20000) n
            """)
        try target.execute("CREATE TABLE copy_target (LIKE copy_source)")
        var chunks = 0
        let copied = try target.copyIn("COPY copy_target FROM STDIN (FORMAT binary)") { writer in
            let sent = try session.copyOut("COPY copy_source TO STDOUT (FORMAT binary)") { chunk in
                chunks += 1
                try writer.appendRaw(chunk)
            }
            #expect(sent == 20000)
        }
        #expect(copied == 20000)
        #expect(chunks >= 20000)
        let difference = try session.query("""
            SELECT count(*) FROM ((TABLE copy_source EXCEPT ALL TABLE copy_target) UNION ALL (TABLE copy_target EXCEPT ALL TABLE copy_source)) d
            """)[0].decode(Int.self, 0)
        #expect(difference == 0)
    }

    @Test("a COPY TO STDOUT whose consumer throws rethrows, and the session stays usable")
    func copyOutConsumerThrows() throws {
        struct ConsumerFailed: Error {}
        let session = try database.session()
        var seen = 0
        #expect(throws: ConsumerFailed.self) {
            try session.copyOut("COPY (SELECT generate_series(1, 1000)) TO STDOUT") { _ in
                seen += 1
                if seen == 3 { throw ConsumerFailed() }
            }
        }
        #expect(seen == 3)
        #expect(try session.query("SELECT 41 + 1")[0].decode(Int.self, 0) == 42)
    }

    @Test("a COPY TO STDOUT of a missing table is a PostgresError")
    func copyOutMissingTable() throws {
        let session = try database.session()
        #expect(throws: PostgresError.self) { try session.copyOut("COPY no_such_table TO STDOUT") { _ in } }
        #expect(try session.query("SELECT 1")[0].decode(Int.self, 0) == 1)
    }

    @Test("a transaction that throws is rolled back")
    func rollback() throws {
        struct Stop: Error {}
        let session = try database.session()
        try session.execute("CREATE TABLE tx_probe (n int)")
        #expect(throws: Stop.self) {
            try session.transaction {
                try session.query("INSERT INTO tx_probe VALUES (\(1))")
                throw Stop()
            }
        }
        try session.transaction { try session.query("INSERT INTO tx_probe VALUES (\(2))") }
        #expect(try session.query("SELECT array_agg(n)::text FROM tx_probe")[0].decode(String.self, 0) == "{2}")
    }

    @Test("advisory locks exclude a second session until released")
    func advisoryLocks() throws {
        let first = try database.session()
        let second = try database.session()
        let key = PostgresSession.advisoryKey("test-lock")
        #expect(try first.tryLock(key))
        #expect(try second.tryLock(key) == false)
        try first.unlock(key)
        #expect(try second.tryLock(key))
        try second.unlock(key)
    }

    @Test("the async connection runs queries off the cooperative pool")
    func asyncConnection() async throws {
        let connection = try await database.connection()
        async let a = connection.query("SELECT pg_sleep(0.05), \(1)::int")
        async let b = connection.query("SELECT \(2)::int")
        let (first, second) = try await (a, b)
        #expect(try first[0].decode(Int.self, 1) == 1)
        #expect(try second[0].decode(Int.self, 0) == 2)
        await connection.close()
        await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
    }

    @Test("a bad connection string fails with a clear error")
    func badConnection() {
        #expect(throws: PostgresError.self) { try PostgresSession(conninfo: "host=/nonexistent-socket-dir port=1 dbname=x connect_timeout=2") }
    }
}
