import EmbeddedPostgres
import Foundation
import Ledger
import PostgresClient
import TestSupport
import Testing

/// A real streaming standby of the test server (`pg_basebackup -R` into a second data folder,
/// listening on its own socket): read-only commands answer there as on the primary, and a write
/// command pointed at it refuses with a sentence.
@Suite("Auditors on a read replica", .serialized)
struct ReadReplicaTests {
    /// A standby of the server `DB_DSN` names, stopped and removed by `stop()`.
    struct Standby {
        let folder: URL
        let bin: URL
        let port: Int
        let asPostgres: Bool
        /// The physical replication slot that keeps the primary's WAL until the standby has it:
        /// without one, a busy primary (a full parallel test run) may recycle a segment the
        /// standby still needs, and the standby never catches up.
        let slot: String

        var log: URL { folder.deletingLastPathComponent().appendingPathComponent("standby.log") }

        var socketFolder: String { folder.path }

        func conninfo(database: String) -> String {
            "postgresql:///\(database)?host=\(folder.path)&port=\(port)&user=postgres"
        }

        /// `pg_basebackup -R` of the server `admin` connects to, started as a hot standby.
        static func start(admin: PostgresSession) async throws -> Standby {
            let socket = try admin.query("SHOW unix_socket_directories")[0].decode(String.self, 0)
                .split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            try #require(!socket.isEmpty, "the test server must listen on a Unix socket (tools/test's does)")
            let primaryPort = try admin.query("SHOW port")[0].decode(String.self, 0)
            let major = try admin.query("SELECT current_setting('server_version_num')::int / 10000")[0].decode(Int.self, 0)
            let bin = URL(fileURLWithPath: ProcessInfo.processInfo.environment["INVENTORY_HUB_PG_BIN"] ?? "/usr/lib/postgresql/\(major)/bin")
            let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("inventory-hub-standby-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            let folder = root.appendingPathComponent("data")
            let asPostgres = geteuid() == 0
            if asPostgres { try run("/bin/chown", ["postgres:", root.path]) }
            let slot = "inventory_standby_\(UUID().uuidString.prefix(8).lowercased())"
            let standby = Standby(folder: folder, bin: bin, port: 54_391, asPostgres: asPostgres, slot: slot)
            try standby.tool("pg_basebackup", [
                "-h", socket, "-p", primaryPort, "-U", "postgres", "-D", folder.path, "-R", "-X", "stream", "-c", "fast", "-C", "-S", slot,
            ])
            // A hot standby needs these at least as high as the primary's (tools/test raises
            // max_connections on the command line, which the base backup does not carry).
            var settings = "-c listen_addresses='' -c unix_socket_directories='\(folder.path)' -p \(standby.port) -c hot_standby=on"
            for name in ["max_connections", "max_worker_processes", "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction"] {
                settings += " -c \(name)=\(try admin.query("SELECT current_setting(\(name))")[0].decode(String.self, 0))"
            }
            do {
                try standby.tool("pg_ctl", ["start", "-D", folder.path, "-l", standby.log.path, "-w", "-t", "60", "-o", settings])
            } catch {
                throw StandbyFailure(description: "\(error)\nstandby log:\n\(standby.logTail())")
            }
            return standby
        }

        /// Waits until the standby has replayed everything the primary has written so far.
        func catchUp(with admin: PostgresSession, database: String) async throws {
            let target = try admin.query("SELECT pg_current_wal_lsn()::text")[0].decode(String.self, 0)
            let session = try PostgresSession(conninfo: conninfo(database: database))
            // The standby replays everything the whole test server writes, other suites' databases
            // included, so under a full parallel run it can lag by minutes.
            let deadline = Date().addingTimeInterval(300)
            while try !session.query("SELECT pg_last_wal_replay_lsn() >= \(target)::pg_lsn")[0].decode(Bool.self, 0) {
                try #require(Date() < deadline, "the standby did not replay up to \(target) within 300 s; its log ends:\n\(logTail())")
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try session.query("SELECT pg_is_in_recovery()")[0].decode(Bool.self, 0), "the standby is a hot standby")
        }

        func logTail() -> String {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(12).joined(separator: "\n")
        }

        func stop(admin: PostgresSession) {
            _ = try? tool("pg_ctl", ["stop", "-D", folder.path, "-m", "immediate", "-w"])
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
            // The slot stays active until the primary's WAL sender for it has exited.
            for _ in 0..<100 {
                if (try? admin.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = \(slot)")) != nil { break }
                usleep(100_000)
            }
        }

        func tool(_ name: String, _ arguments: [String]) throws {
            try Self.run(bin.appendingPathComponent(name).path, arguments, asPostgres: asPostgres)
        }

        /// Through `ProcessRunner` (posix_spawn and waitpid): `pg_ctl start` leaves the server
        /// running with the tool's descriptors, which `Process` and pipes never see the end of.
        static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = false) throws {
            let output = try ProcessRunner(runAsPostgresUser: asPostgres).run(executable, arguments)
            guard output.status == 0 else {
                throw StandbyFailure(description: "\(executable) \(arguments.joined(separator: " ")) failed (status \(output.status)): \(output.text)")
            }
        }
    }

    /// Every file of `folder`, by name.
    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    struct StandbyFailure: Error, CustomStringConvertible {
        var description: String
    }

    @Test("verify, exceptions, project status, the reports and replay --out run on the standby and answer as on the primary; writes refuse it")
    func standby() async throws {
        let database = try TestDatabase.create("standby")
        defer { database.drop() }
        let session = try database.session()
        let fleet = FleetLedger(ninja: 30, threatLocker: 25, organizations: 4)
        for day in 0..<5 {
            try Ledger(session: session).append(fleet.ninjaRun(day: day))
            try Ledger(session: session).append(fleet.threatLockerRun(day: day))
        }
        let primary = ["DB_DSN": database.conninfo]
        let caughtUp = try await InventoryHubProcess.run(["project", "catch-up", "--json"], environment: primary)
        try #require(caughtUp.status == 0, "catch-up: \(caughtUp.stderr)")

        let admin = try PostgresSession(conninfo: try #require(ProcessInfo.processInfo.environment["DB_DSN"]))
        let standby = try await Standby.start(admin: admin)
        defer { standby.stop(admin: admin) }
        try await standby.catchUp(with: admin, database: database.name)
        let replica = standby.conninfo(database: database.name)
        // DB_DSN names no server at all: whatever answers came from the replica.
        let readOnly = ["DB_DSN": "postgresql:///nowhere?host=/nonexistent&port=1", "DB_READ_DSN": replica]

        for arguments in [["exceptions", "list", "--json"], ["project", "status", "--json"], ["report", "variance", "--format", "csv", "--out", "-"]] {
            let onPrimary = try await InventoryHubProcess.run(arguments, environment: primary)
            let onStandby = try await InventoryHubProcess.run(arguments, environment: readOnly)
            #expect(onPrimary.status == 0, "\(arguments) on the primary: \(onPrimary.stderr)")
            #expect(onStandby.status == 0, "\(arguments) on the standby: \(onStandby.stderr)")
            #expect(onStandby.stdout == onPrimary.stdout, "\(arguments) answers the same on the standby")
            #expect(!onStandby.stdout.isEmpty)
        }
        let verified = try await InventoryHubProcess.run(["verify", "--json"], environment: readOnly)
        #expect(verified.status == 0, "verify on the standby: \(verified.stderr)")
        #expect(verified.stdout.contains("\"intact\" : true") || verified.stdout.contains("\"intact\":true"), "\(verified.stdout)")

        // The commands that replay write a scratch schema, which a standby refuses: they copy the
        // ledger into a private scratch cluster and give byte-identical files.
        let events = try Ledger(session: session).headSeq()
        // A scratch folder left by a process that was killed: the next scratch cluster removes it.
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        let leftOver = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-hub-scratch-\(exited.processIdentifier)-deadbeef")
        try FileManager.default.createDirectory(at: leftOver.appendingPathComponent("cluster"), withIntermediateDirectories: true)
        try Data("\(exited.processIdentifier)\n".utf8).write(to: leftOver.appendingPathComponent("owner.pid"))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("replica-files-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (name, arguments) in [
            ("replay", ["replay", "--from", "2025-01-02", "--to", "2025-01-05", "--out"]),
            ("audit", ["report", "audit", "--month", "2025-01", "--json", "--out"]),
        ] {
            var folders: [[String: Data]] = []
            for (side, environment) in [("primary", primary), ("standby", readOnly)] {
                let folder = scratch.appendingPathComponent("\(name)-\(side)")
                let result = try await InventoryHubProcess.run(arguments + [folder.path], environment: environment)
                #expect(result.status == 0, "\(name) on the \(side): \(result.stderr)")
                if side == "standby" {
                    #expect(result.stderr.contains("private scratch cluster"), "\(result.stderr)")
                    #expect(result.stderr.contains("copied the ledger (\(events) events, up to seq \(events))"), "\(result.stderr)")
                }
                folders.append(try Self.files(in: folder))
            }
            #expect(folders[0].count >= 5, "\(name) wrote its files: \(folders[0].keys.sorted())")
            #expect(folders[0] == folders[1], "\(name): the standby's files equal the primary's")
        }
        let projections = try await InventoryHubProcess.run(["verify", "--projections", "--json"], environment: readOnly)
        #expect(projections.status == 0, "verify --projections on the standby: \(projections.stderr)")
        #expect(projections.stdout.contains("\"intact\" : true") || projections.stdout.contains("\"intact\":true"), "\(projections.stdout)")
        let abandoned = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("inventory-hub-scratch-") }
        #expect(abandoned.isEmpty, "every scratch cluster was removed: \(abandoned)")

        // A standby named as DB_DSN by mistake: every write command refuses it in one sentence.
        let misconfigured = ["DB_DSN": replica]
        for arguments in [
            ["project", "catch-up"], ["sites", "alias", "ninja", "1", "Acme"], ["exceptions", "resolve", "1", "--by", "auditor"],
            ["replay", "--from", "2025-01-02", "--to", "2025-01-05", "--into", "audit_copy"],
        ] {
            let refused = try await InventoryHubProcess.run(arguments, environment: misconfigured)
            #expect(refused.status != 0, "\(arguments) must refuse a standby")
            #expect(refused.stderr.contains("DB_DSN names a read-only server"), "\(arguments): \(refused.stderr)")
        }
        // ...while read-only commands work with it as DB_DSN too.
        let status = try await InventoryHubProcess.run(["project", "status", "--json"], environment: misconfigured)
        #expect(status.status == 0, "\(status.stderr)")
    }
}
