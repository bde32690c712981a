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

    @Test("SIGKILL after the first committed batch, then a restart, reaches the digests of a rebuild")
    func killedAndRestarted() async throws {
        let database = try TestDatabase.create("killedprojector")
        defer { database.drop() }
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger(ninja: 120, threatLocker: 100)
        for day in 0..<30 {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        let head = try ledger.headSeq()
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["project", "catch-up"]
        process.environment = ["DB_DSN": database.conninfo, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it as soon as one batch has committed: it is then between batches or inside the next one.
        var checkpoint = 0
        for _ in 0..<2_000 where checkpoint == 0 && process.isRunning {
            checkpoint = try session.query("SELECT coalesce(min(last_seq), 0) FROM projection_checkpoint")[0].decode(Int.self, 0)
            if checkpoint == 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the projector was still running when killed")
        let stopped = try session.query("SELECT coalesce(min(last_seq), 0) FROM projection_checkpoint")[0].decode(Int.self, 0)
        #expect(stopped < Int(head), "killed before the end")

        _ = try ProjectionEngine(session: session).catchUp()
        let resumed = try allDigests(session)
        let rebuilt = try ProjectionEngine(session: session).rebuild()
        #expect(rebuilt.changes.isEmpty)
        #expect(try allDigests(session) == resumed)
    }
}
