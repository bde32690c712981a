import ArgumentParser
import Foundation
import LZ4Codec
import Ledger
import PostgresClient
import Projections

/// `inventory-bench`: measures append, storage, rebuild, catch-up, replay and verify on a
/// fresh database, each against a raw `COPY` of the same rows where one applies.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory-bench",
        abstract: "Benchmark the ledger and projections on a generated fleet (a benchmark, not a test).",
        discussion: "Uses DB_DSN's server (or the embedded cluster) and a throw-away database. Run it through tools/bench.")

    @Option(help: "Multiplies the fleet (10,000 NinjaOne and 8,000 ThreatLocker devices at 1).") var scale = 1.0
    @Option(help: "Days of history to append before measuring.") var days = 65
    @Option(help: "Repetitions of the cheap measurements (the median is reported).") var repetitions = 3
    @Flag(help: "Print only the JSON document.") var json = false
    @Option(help: "Seconds of load per API route (0 skips the API section).") var apiSeconds = 5.0
    @Flag(help: "Keep the benchmark's database afterwards (its name is printed) to inspect it.") var keepDatabase = false

    func run() async throws {
        let ninja = max(1, Int(10_000 * scale))
        let threatLocker = max(1, Int(8_000 * scale))
        let fleet = BenchFleet(ninja: ninja, threatLocker: threatLocker)
        let database = try BenchDatabase.create()
        defer {
            if keepDatabase {
                FileHandle.standardError.write(Data("kept the database \(database.name)\n".utf8))
            } else {
                database.drop()
            }
        }
        let session = try database.session()
        var results = BenchResults(ninjaDevices: ninja, threatLockerDevices: threatLocker, days: days)
        results.cores = ProcessInfo.processInfo.activeProcessorCount
        results.postgres = try session.query("SHOW server_version")[0].decode(String.self, 0)
        // The settings the figures depend on, as the server ran with them (DB_DSN's or embedded).
        results.settings = try session.query(
            "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(\(PostgresArray(BenchResults.settingNames))::text[]) ORDER BY name"
        ).map { (try $0.decode(String.self, 0), try $0.decode(String.self, 1)) }
        let note: (String) -> Void = { if !json { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } }

        // Append: every day's two runs through the real append path.
        note("appending \(days) days of \(ninja) + \(threatLocker) devices…")
        var appendSeconds = 0.0
        var appended = 0
        var samplePayloads: [[UInt8]] = []
        for day in 0..<days {
            for run in fleet.runs(day: day) {
                if day == 0 { samplePayloads += run.events.prefix(2_000).map(\.payload) }
                let started = Date()
                let result = try Ledger(session: session).append(run)
                appendSeconds += Date().timeIntervalSince(started)
                appended += result.eventCount
            }
        }
        results.appendEventsPerSecond = Double(appended) / appendSeconds
        let copyRows = try RawCopyBaseline.fetch(session, """
            SELECT seq, event_type, vendor_id, run_id, observed_on, subject, recorded_at, dict_id, raw_len, payload, payload_sha256, chain_sha256
            FROM ledger_event WHERE seq <= \(min(appended, 100_000)) ORDER BY seq
            """)
        let ledgerColumns = ["seq", "event_type", "vendor_id", "run_id", "observed_on", "subject", "recorded_at", "dict_id", "raw_len", "payload", "payload_sha256", "chain_sha256"]
        let copySeconds = median((0..<repetitions).map { _ in
            (try? RawCopyBaseline.time(session, ddl: "CREATE TABLE bench_ledger_copy (LIKE ledger_event)", table: "bench_ledger_copy", columns: ledgerColumns, rows: copyRows)) ?? .nan
        })
        results.rawCopyLedgerRowsPerSecond = Double(copyRows.count) / copySeconds
        // The same rows into a table shaped as the append writes them: the ledger's indexes
        // (its primary key and the four lookups) and its two foreign keys.
        let ledgerKeys = try session.query("""
            SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.ledger_event'::regclass AND contype = 'f' ORDER BY conname
            """).map { "ALTER TABLE bench_ledger_copy ADD " + (try $0.decode(String.self, 0)) + ";" }
        let indexedCopySeconds = median((0..<repetitions).map { _ in
            (try? RawCopyBaseline.time(
                session, ddl: "CREATE TABLE bench_ledger_copy (LIKE ledger_event INCLUDING INDEXES INCLUDING DEFAULTS); " + ledgerKeys.joined(separator: " "),
                table: "bench_ledger_copy", columns: ledgerColumns, rows: copyRows)) ?? .nan
        })
        results.rawCopyIndexedLedgerRowsPerSecond = Double(copyRows.count) / indexedCopySeconds

        // Storage: stored payload bytes against the raw JSON, with and without dictionaries.
        let storage = try session.query("SELECT sum(raw_len)::float8, sum(octet_length(payload))::float8, count(*) FROM ledger_event WHERE event_type = 'device_observed'")[0]
        let rawBytes = try storage.decode(Double.self, 0)
        let storedBytes = try storage.decode(Double.self, 1)
        let events = Double(try storage.decode(Int.self, 2))
        results.rawBytesPerEvent = rawBytes / events
        results.storedBytesPerEvent = storedBytes / events
        let plain = try samplePayloads.reduce(0) { $0 + (try LZ4Codec.compress($1)).count }
        results.storageRatioWithoutDictionary = Double(samplePayloads.reduce(0) { $0 + $1.count }) / Double(plain)

        // Rebuild: every projection from the whole ledger, against a COPY of its device_snapshot
        // rows. The first fills the empty live tables; the one measured is the second, over full
        // live tables, as ops run it after a matching fix (its report compares every day).
        note("rebuilding all projections into empty live tables…")
        results.firstRebuildSeconds = try ProjectionEngine(session: session).rebuild().seconds
        note("rebuilding all projections over full live tables…")
        let rebuild = try ProjectionEngine(session: session).rebuild()
        results.rebuildSeconds = rebuild.seconds
        results.rebuildEventsPerSecond = Double(rebuild.eventsInLedger) / rebuild.seconds
        let snapshotColumns = try session.query("""
            SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'device_snapshot' ORDER BY ordinal_position
            """).map { try $0.decode(String.self, 0) }
        let snapshotRows = try RawCopyBaseline.fetch(session, "SELECT \(snapshotColumns.joined(separator: ", ")) FROM device_snapshot")
        results.snapshotRows = snapshotRows.count
        results.rawCopySnapshotSeconds = median((0..<repetitions).map { _ in
            (try? RawCopyBaseline.time(
                session, ddl: "CREATE TABLE bench_snapshot_copy (LIKE device_snapshot INCLUDING INDEXES INCLUDING DEFAULTS)",
                table: "bench_snapshot_copy", columns: snapshotColumns, rows: snapshotRows)) ?? .nan
        })
        // The same table with device_snapshot's foreign keys, checked row by row as the live
        // table's are.
        let foreignKeys = try session.query("""
            SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.device_snapshot'::regclass AND contype = 'f' ORDER BY conname
            """).map { "ALTER TABLE bench_snapshot_copy ADD " + (try $0.decode(String.self, 0)) + ";" }
        results.rawCopySnapshotWithKeysSeconds = median((0..<repetitions).map { _ in
            (try? RawCopyBaseline.time(
                session,
                ddl: "CREATE TABLE bench_snapshot_copy (LIKE device_snapshot INCLUDING INDEXES INCLUDING DEFAULTS); " + foreignKeys.joined(separator: " "),
                table: "bench_snapshot_copy", columns: snapshotColumns, rows: snapshotRows)) ?? .nan
        })

        // One projection alone: the loop of someone fixing an exception or change-log rule.
        note("rebuilding exceptions, then change_log, alone…")
        results.rebuildExceptionsSeconds = try ProjectionEngine(session: session).rebuild([.exceptions]).seconds
        results.rebuildChangeLogSeconds = try ProjectionEngine(session: session).rebuild([.changeLog]).seconds

        // Catch-up: one new day of the whole fleet, repeated on the following days.
        note("catch-up of one new day…")
        var catchUps: [Double] = []
        for offset in 0..<repetitions {
            for run in fleet.runs(day: days + offset) { try Ledger(session: session).append(run) }
            catchUps.append(try ProjectionEngine(session: session).catchUp().seconds)
        }
        results.catchUpSeconds = median(catchUps)

        // Replay: the first 31-day month into a scratch schema.
        note("replaying a month…")
        let month = fleet.date(ofDay: 0)...fleet.date(ofDay: min(30, days - 1))
        results.replaySeconds = median(try (0..<repetitions).map { attempt in
            try Replayer(session: session).replay(.init(range: month), into: "bench_replay", replace: true).seconds
        })

        // Verify: the whole ledger.
        note("verifying the ledger…")
        results.verifyEventsPerSecond = median(try (0..<repetitions).map { _ in
            try LedgerVerifier(session: session).verify().eventsPerSecond
        })
        results.ledgerEvents = Int(try Ledger(session: session).headSeq())

        // The API: 16 concurrent clients over loopback per route.
        if apiSeconds > 0 {
            note("loading the HTTP API…")
            let newest = try session.query("SELECT max(snapshot_date)::text FROM device_snapshot")[0].decode(String?.self, 0) ?? "2025-01-01"
            (results.api, results.pages) = try await APIBench(conninfo: database.conninfo, connections: 16, seconds: apiSeconds).run(
                routes: ["/api/status", "/api/variance-report/latest", "/api/devices?q=ws-0&date=\(newest)", "/api/counts/month-end"],
                pages: [
                    "/", "/exceptions", "/exceptions?status=all&type=MISSING_NINJA", "/devices", "/devices?q=ws-0", "/coverage", "/billing",
                    "/windows-11", "/jobs", "/audit",
                ])
        }
        try results.print(jsonOnly: json)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
