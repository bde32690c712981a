import Foundation
import Ledger
import PostgresClient
import Projections
import TestSupport
import Testing

@Suite("A projector process killed mid-catch-up", .serialized)
struct KilledProjectorTests {
    /// The `inventory-hub` executable built beside this test binary.
    static func executable() throws -> URL {
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("inventory-hub")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw ExecutableMissing()
    }

    struct ExecutableMissing: Error, CustomStringConvertible {
        var description: String { "no inventory-hub executable beside the test binary; build the package first" }
    }

    @Test("SIGKILL inside a catch-up transaction, then a restart, reaches the digests of a rebuild")
    func killedAndRestarted() async throws {
        let database = try TestDatabase.create("killedprojector")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger(ninja: 120, threatLocker: 100)
        for day in 0..<10 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        _ = try ProjectionEngine(session: session).catchUp()
        let committed = try session.query("SELECT min(last_seq) FROM projection_checkpoint")[0].decode(Int.self, 0)
        for day in 10..<30 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        // Hold the checkpoint rows: the projector does all of its first batch's writes, then waits
        // to move its checkpoint, inside its transaction, where it is killed. No timing involved.
        let holder = try database.session()
        try holder.execute("BEGIN; SELECT * FROM projection_checkpoint FOR UPDATE")
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["project", "catch-up"]
        process.environment = ["DB_DSN": database.conninfo, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var waiting = false
        for _ in 0..<6_000 where !waiting && process.isRunning {
            waiting = try session.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE projection_checkpoint%'
                """)[0].decode(Int.self, 0) > 0
            if !waiting { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(waiting, "the projector should be waiting to commit its first batch")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try holder.execute("ROLLBACK")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try session.query("SELECT min(last_seq) FROM projection_checkpoint")[0].decode(Int.self, 0) == committed)

        _ = try ProjectionEngine(session: session).catchUp()
        let resumed = try allDigests(session)
        let resumedRows = try rawTables(session)
        let rebuilt = try ProjectionEngine(session: session).rebuild()
        #expect(rebuilt.changes.isEmpty)
        #expect(try allDigests(session) == resumed)
        // Ids included: sequence values the killed transaction consumed must not shift any id.
        let differences = rawDifferences(try rawTables(session), resumedRows)
        #expect(differences.isEmpty, "\(differences)")
    }
}
