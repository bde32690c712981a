import Foundation
import Ledger
import PostgresClient
import Projections
import TestSupport
import Testing

@Suite("Projection catch-up and rebuild", .serialized)
struct CatchUpTests {
    @Test("catch-up after each of 70 days and one full rebuild give identical digests")
    func catchUpEqualsRebuild() throws {
        let database = try TestDatabase.create("catchupeqrebuild")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        let engine = ProjectionEngine(session: session)
        for day in 0..<70 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
            if day == 40 { try ledger.append(fleet.ninjaRun(day: day, dropping: 5)) }
            _ = try engine.catchUp()
        }
        let caughtUp = try allDigests(session)
        let caughtUpRows = try rawTables(session)
        let installedSchema = try indexesAndConstraints(session)
        #expect(installedSchema.contains("device_snapshot idx_device_snapshot_date_key CREATE INDEX idx_device_snapshot_date_key ON public.device_snapshot USING btree (snapshot_date, canonical_key)"))
        #expect(caughtUp["device_snapshot"]?.count == 65, "65 retained days")
        #expect(caughtUp["month_end_counts"]?.count == 3, "January, February and March 2025")
        let rebuilt = try engine.rebuild()
        #expect(rebuilt.changes.isEmpty, "a rebuild of caught-up tables changes nothing: \(rebuilt.changes.prefix(5))")
        #expect(try allDigests(session) == caughtUp)
        // The shadow tables were loaded without their secondary indexes and foreign keys, which
        // were created after the load: the swapped-in tables have every one of them, as installed.
        #expect(try indexesAndConstraints(session) == installedSchema)
        // The same rows with the same surrogate ids, also after the correction run of day 40.
        let differences = rawDifferences(try rawTables(session), caughtUpRows)
        #expect(differences.isEmpty, "\(differences)")
        let retained = try session.query("SELECT min(snapshot_date)::text, max(snapshot_date)::text FROM device_snapshot")[0]
        #expect(try retained.decode(String.self, 0) == fleet.date(ofDay: 5).description)
        #expect(try retained.decode(String.self, 1) == fleet.date(ofDay: 69).description)
    }

    @Test("a rebuild reports per day the rows it adds, removes and changes in the live tables")
    func rebuildReportsDayDifferences() throws {
        let database = try TestDatabase.create("rebuilddiff")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        let engine = ProjectionEngine(session: session)
        for day in 0..<3 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        _ = try engine.catchUp()
        let days = (0..<3).map { fleet.date(ofDay: $0) }
        // The live tables drift from what the ledger gives: a row lost on day 0, a value
        // changed on day 1, a row of a device the ledger never saw on day 2.
        try session.query("DELETE FROM device_snapshot WHERE id = (SELECT min(id) FROM device_snapshot WHERE snapshot_date = \(days[0]))")
        try session.query("UPDATE device_snapshot SET os_name = 'tampered' WHERE id = (SELECT min(id) FROM device_snapshot WHERE snapshot_date = \(days[1]))")
        try session.query("""
            INSERT INTO device_identity (id, vendor_id, vendor_device_key, first_seen_date, last_seen_date) VALUES (999999999, 3, 'ghost', \(days[2]), \(days[2]))
            """)
        try session.query("""
            INSERT INTO device_snapshot (id, snapshot_date, vendor_id, device_identity_id, hostname)
            VALUES (999999999, \(days[2]), 3, 999999999, 'ghost')
            """)
        let report = try engine.rebuild([.deviceSnapshot])
        let snapshot = report.changes.filter { $0.table == "device_snapshot" }
        #expect(snapshot == [
            .init(table: "device_snapshot", day: days[0].description, added: 1, removed: 0, changed: 0),
            .init(table: "device_snapshot", day: days[1].description, added: 0, removed: 0, changed: 1),
            .init(table: "device_snapshot", day: days[2].description, added: 0, removed: 1, changed: 0),
        ])
        #expect(report.changes.filter { $0.table == "device_identity" }.map(\.removed) == [1], "the ghost identity")
        // Rebuilt onto empty tables, every day is added whole.
        try session.execute("TRUNCATE device_snapshot, daily_counts, month_end_counts")
        let fresh = try engine.rebuild([.deviceSnapshot]).changes.filter { $0.table == "device_snapshot" }
        let perDay = try session.query("SELECT snapshot_date::text, count(*) FROM device_snapshot GROUP BY 1 ORDER BY 1").map {
            ReadModelDigest.DayDiff(table: "device_snapshot", day: try $0.decode(String.self, 0), added: try $0.decode(Int.self, 1), removed: 0, changed: 0)
        }
        #expect(fresh == perDay && perDay.count == 3)
    }

    @Test("a later run for the same vendor and date replaces the earlier one entirely")
    func laterRunReplaces() throws {
        let database = try TestDatabase.create("laterrun")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        let engine = ProjectionEngine(session: session)
        try ledger.append(fleet.ninjaRun(day: 0))
        _ = try engine.catchUp()
        let full = try session.query("SELECT count(*) FROM device_snapshot")[0].decode(Int.self, 0)
        try ledger.append(fleet.ninjaRun(day: 0, dropping: 7))
        _ = try engine.catchUp()
        let day = fleet.date(ofDay: 0)
        #expect(try session.query("SELECT count(*) FROM device_snapshot WHERE snapshot_date = \(day)")[0].decode(Int.self, 0) <= full - 7 + 1)
        let counted = try session.query("SELECT coalesce(sum(cnt), 0)::int FROM daily_counts WHERE snapshot_date = \(day)")[0].decode(Int.self, 0)
        #expect(counted == (try session.query("SELECT count(*) FROM device_snapshot WHERE snapshot_date = \(day)")[0].decode(Int.self, 0)))
        let orphans = try session.query("""
            SELECT count(*) FROM device_identity i WHERE NOT EXISTS (SELECT 1 FROM device_snapshot d WHERE d.device_identity_id = i.id)
            """)[0].decode(Int.self, 0)
        #expect(orphans == 0, "devices only in the superseded run are not seen on that day")
    }

    @Test("a projector stopped between batches or inside a batch resumes to the same digests")
    func interrupted() throws {
        struct Interrupted: Error {}
        let database = try TestDatabase.create("interrupted")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        for day in 0..<12 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        let engine = ProjectionEngine(session: session)
        for stopAfter in [3, 7] {
            var batches = 0
            // The progress callback runs inside the batch's transaction: throwing there is a
            // crash before COMMIT, after `stopAfter - 1` committed batches.
            #expect(throws: Interrupted.self) {
                _ = try engine.catchUp(runsPerBatch: 2) { _, _ in
                    batches += 1
                    if batches == stopAfter { throw Interrupted() }
                }
            }
        }
        _ = try engine.catchUp(runsPerBatch: 2)
        let resumed = try allDigests(session)
        _ = try engine.rebuild()
        #expect(try allDigests(session) == resumed)
    }

    @Test("two catch-ups at once do not double count")
    func concurrentCatchUps() async throws {
        let database = try TestDatabase.create("concurrentcatchup")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger()
        for day in 0..<8 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let connection = try await database.connection()
                    _ = try await connection.withSession { try ProjectionEngine(session: $0).catchUp(runsPerBatch: 1) }
                    await connection.close()
                }
            }
            try await group.waitForAll()
        }
        let concurrent = try allDigests(session)
        let snapshots = try session.query("SELECT count(*) FROM device_snapshot")[0].decode(Int.self, 0)
        let counted = try session.query("SELECT sum(cnt)::int FROM daily_counts")[0].decode(Int.self, 0)
        #expect(snapshots == counted)
        _ = try ProjectionEngine(session: session).rebuild()
        #expect(try allDigests(session) == concurrent)
    }

    @Test("a projection whose stored version differs refuses catch-up and names the rebuild")
    func versionMismatch() throws {
        let database = try TestDatabase.create("versionmismatch")
        defer { database.drop() }
        let session = try database.session()
        _ = try ProjectionEngine(session: session).catchUp()
        try session.execute("UPDATE projection_checkpoint SET version = version + 1 WHERE projection = 'change_log'")
        let error = #expect(throws: ProjectionError.self) { _ = try ProjectionEngine(session: session).catchUp() }
        #expect(error?.description.contains("project rebuild --projection change_log") == true)
        _ = try ProjectionEngine(session: session).rebuild([.changeLog])
        _ = try ProjectionEngine(session: session).catchUp()
    }

    /// Every index and constraint of the public read-model tables, by table and name.
    private func indexesAndConstraints(_ session: PostgresSession) throws -> Set<String> {
        let tables = PostgresArray(ProjectionName.allCases.flatMap(\.tables))
        let indexes = try session.query("""
            SELECT tablename || ' ' || indexname || ' ' || indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename = ANY(\(tables)::text[])
            """).map { try $0.decode(String.self, 0) }
        let constraints = try session.query("""
            SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) || ' ' || c.convalidated
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname = ANY(\(tables)::text[])
            """).map { try $0.decode(String.self, 0) }
        return Set(indexes + constraints)
    }
}
