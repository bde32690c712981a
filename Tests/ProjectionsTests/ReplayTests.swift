import Crypto
import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import Projections
import TestSupport
import Testing

@Suite("Replay and projection verify", .serialized)
struct ReplayTests {
    /// 100 days of both vendors, caught up every ten days (results do not depend on how often).
    static func hundredDays(_ name: String) throws -> (TestDatabase, PostgresSession, FleetLedger) {
        let database = try TestDatabase.create(name)
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger(ninja: 40, threatLocker: 35, organizations: 5)
        for day in 0..<100 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
            if day % 10 == 9 { _ = try ProjectionEngine(session: session).catchUp() }
        }
        return (database, session, fleet)
    }

    @Test("a pruned month replays to the stored month-end counts; retained days replay to the live tables")
    func prunedMonthAndRetainedDays() throws {
        let (database, session, fleet) = try Self.hundredDays("replaymonth")
        defer { database.drop() }
        let january = fleet.date(ofDay: 0)...fleet.date(ofDay: 30)
        #expect(try session.query("SELECT count(*) FROM device_snapshot WHERE snapshot_date <= \(january.upperBound)")[0].decode(Int.self, 0) == 0)
        let report = try Replayer(session: session).replay(.init(range: january), into: "audit_january")
        #expect(report.rowCounts["device_snapshot"]! > 0)
        let month = "SELECT m.vendor_id, st.vendor_site_key, device_type_id, billing_status_id, cnt FROM %@.month_end_counts m JOIN %@.site st ON st.id = m.site_id WHERE month_end_date = '2025-01-31' ORDER BY 1, 2, 3, 4"
        func rows(_ schema: String) throws -> [String] {
            try session.query(PostgresQuery(unsafeSQL: month.replacingOccurrences(of: "%@", with: schema))).map { row in
                (0..<5).map { row.text($0) ?? "" }.joined(separator: "|")
            }
        }
        let stored = try rows("public")
        #expect(!stored.isEmpty)
        #expect(try rows("audit_january") == stored)
        #expect(throws: ReplayError.self) { try Replayer(session: session).replay(.init(range: january), into: "audit_january") }

        let verified = try ProjectionVerifier(session: session).verify()
        #expect(verified.isIntact, "\(verified.mismatches.prefix(5))")
        #expect(verified.daysCompared >= 65)
        for day in [fleet.date(ofDay: 40), fleet.date(ofDay: 99)] {
            #expect(try ProjectionVerifier(session: session).verify(range: day...day).isIntact)
        }

        // Surrogate ids are functions of the ledger: a replay of retained days gives its rows the
        // live rows' ids, sites and identities included.
        let tail = fleet.date(ofDay: 80)...fleet.date(ofDay: 99)
        _ = try Replayer(session: session).replay(.init(range: tail), into: "ids_check")
        func ids(_ sql: (String) -> PostgresQuery) throws -> Set<String> {
            Set(try session.query(sql("ids_check")).map { try $0.decode(String.self, 0) })
        }
        let replayedSnapshots = try ids { "SELECT (id, snapshot_date, vendor_id, device_identity_id, site_id)::text FROM \(identifier: $0).device_snapshot" }
        let liveSnapshots = Set(try session.query("""
            SELECT (id, snapshot_date, vendor_id, device_identity_id, site_id)::text FROM device_snapshot
            WHERE snapshot_date BETWEEN \(tail.lowerBound) AND \(tail.upperBound)
            """).map { try $0.decode(String.self, 0) })
        #expect(!replayedSnapshots.isEmpty)
        #expect(replayedSnapshots == liveSnapshots)
        let replayedIdentities = try ids { "SELECT (id, vendor_id, vendor_device_key)::text FROM \(identifier: $0).device_identity" }
        let liveIdentities = Set(try session.query("SELECT (id, vendor_id, vendor_device_key)::text FROM device_identity").map { try $0.decode(String.self, 0) })
        #expect(replayedIdentities.isSubset(of: liveIdentities))
        let replayedSites = try ids { "SELECT (id, vendor_id, vendor_site_key)::text FROM \(identifier: $0).site" }
        let liveSites = Set(try session.query("SELECT (id, vendor_id, vendor_site_key)::text FROM site").map { try $0.decode(String.self, 0) })
        #expect(!replayedSites.isEmpty && replayedSites.isSubset(of: liveSites))

        try session.execute("UPDATE daily_counts SET cnt = cnt + 1 WHERE snapshot_date = '\(fleet.date(ofDay: 77))' AND ctid = (SELECT min(ctid) FROM daily_counts WHERE snapshot_date = '\(fleet.date(ofDay: 77))')")
        let tampered = try ProjectionVerifier(session: session).verify()
        #expect(tampered.mismatches == [ProjectionVerifier.Mismatch(table: "daily_counts", day: fleet.date(ofDay: 77).description)])
    }

    @Test("--known-at before a correction run reproduces the original day; without it, the corrected day")
    func knownAt() throws {
        let database = try TestDatabase.create("replayknownat")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        for day in 0..<3 { try ledger.append(fleet.ninjaRun(day: day)) }
        try session.execute("SELECT pg_sleep(0.05)")
        let beforeCorrection = try session.query("SELECT clock_timestamp()")[0].decode(Date.self, 0)
        try session.execute("SELECT pg_sleep(0.05)")
        try ledger.append(fleet.ninjaRun(day: 1, dropping: 6))
        let day = fleet.date(ofDay: 1)
        let replayer = Replayer(session: session)
        let original = try replayer.replay(.init(range: day...day, knownAt: beforeCorrection), into: "as_known")
        let corrected = try replayer.replay(.init(range: day...day), into: "as_now")
        let dropped = fleet.ninjaRun(day: 1).events.suffix(6).filter { NinjaOneMapping.row(from: try! JSONParser.parse($0.payload)) != nil }
        #expect(!dropped.isEmpty)
        #expect(original.rowCounts["device_snapshot"]! - corrected.rowCounts["device_snapshot"]! == dropped.count)
        #expect(original.maxSeq < corrected.maxSeq)
    }

    @Test("CSV files match their manifest, and two replays of a range are byte-identical")
    func csvExport() throws {
        let database = try TestDatabase.create("replaycsv")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        for day in 0..<5 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        let range = fleet.date(ofDay: 1)...fleet.date(ofDay: 3)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        var outputs: [[String: Data]] = []
        for attempt in 0..<2 {
            let directory = base.appendingPathComponent("run\(attempt)")
            let report = try Replayer(session: session).replay(.init(range: range), into: "csv_\(attempt)")
            try ReplayExport(session: session).write(report, to: directory)
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
        // Loaded without its secondary indexes and foreign keys, the scratch schema has them all
        // once the replay is done, defined as the live tables' are.
        let definitions: (String) throws -> [String] = { schema in
            try session.query("""
                SELECT tablename::text || ' ' || replace(indexdef, \(schema)::text || '.', '') FROM pg_indexes WHERE schemaname = \(schema)
                UNION ALL
                SELECT t.relname::text || ' ' || c.conname::text || ' ' || c.contype::text FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = \(schema)
                ORDER BY 1
                """).map { try $0.decode(String.self, 0) }
        }
        let replayed = try definitions("csv_0")
        let tables = Set(replayed.map { $0.prefix { $0 != " " } })
        #expect(replayed == (try definitions("public").filter { tables.contains($0.prefix { $0 != " " }) }))
        #expect(replayed.contains { $0.hasPrefix("device_snapshot CREATE INDEX idx_device_snapshot_hostname ON device_snapshot") })
        #expect(replayed.filter { $0.hasSuffix(" f") }.count >= 12, "the read models' foreign keys")
        let manifest = try JSONSerialization.jsonObject(with: outputs[0]["manifest.json"]!) as! [String: Any]
        #expect(manifest["from"] as? String == range.lowerBound.description)
        for entry in manifest["files"] as! [[String: Any]] {
            let data = outputs[0][entry["name"] as! String]!
            #expect(SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() == entry["sha256"] as? String)
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count - 2
            if entry["name"] as? String == "daily_counts.csv" { #expect(lines == entry["rows"] as? Int) }
        }
        let snapshot = String(decoding: outputs[0]["device_snapshot.csv"]!, as: UTF8.self)
        #expect(snapshot.hasPrefix("id,snapshot_date,vendor_id,device_identity_id"))
        #expect(!snapshot.contains(fleet.date(ofDay: 0).description + ","))
    }

    @Test("a replayed month's episodes equal, row by row, what the live table held at the month's end, date_found before the month included")
    func episodesAsLive() throws {
        let database = try TestDatabase.create("replayepisodes")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger(ninja: 40, threatLocker: 35, organizations: 5)
        func episodes(_ schema: String, _ range: ClosedRange<CalendarDate>) throws -> [String] {
            try session.query("""
                SELECT (type, hostname, date_found, last_seen_date, resolved, resolution)::text FROM \(identifier: schema).exceptions
                WHERE last_seen_date >= \(range.lowerBound) AND date_found <= \(range.upperBound) ORDER BY 1
                """).map { try $0.decode(String.self, 0) }
        }
        for day in 0..<60 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
            if day % 10 == 9 { _ = try ProjectionEngine(session: session).catchUp() }
            if day == 45 {
                // A resolution during the month: it must be replayed too.
                let open = try ExceptionEpisodeQuery(status: .open, limit: 1).rows(session)
                if let first = open.first { _ = try ExceptionResolver(session: session).resolve(ids: [first.id], by: "tester", note: "x") }
            }
        }
        let march = fleet.date(ofDay: 31)...fleet.date(ofDay: 59)
        let live = try episodes("public", march)
        #expect(live.contains { row in
            let fields = row.split(separator: ",")
            return fields.count > 2 && CalendarDate(String(fields[2])).map { $0 < march.lowerBound } == true
        }, "some episode began before the month")
        for day in 60..<75 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        _ = try ProjectionEngine(session: session).catchUp()
        _ = try Replayer(session: session).replay(.init(range: march), into: "replay_march")
        #expect(try episodes("replay_march", march) == live)
        let verified = try ProjectionVerifier(session: session).verify()
        #expect(verified.isIntact, "\(verified.mismatches.prefix(5))")
    }

}
