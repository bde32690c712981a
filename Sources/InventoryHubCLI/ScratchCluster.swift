import Dispatch
import EmbeddedPostgres
import Foundation
import Ledger
import Migrations
import PostgresClient
import Projections

/// A private, throwaway PostgreSQL cluster for the read-only commands that replay (`replay
/// --out`, `report audit`, `verify --projections`) when the server they read takes no writes:
/// a hot standby refuses even a temporary table, and a read replica named by `DB_READ_DSN` is
/// never written to. The cluster is created in the temporary folder (`TMPDIR`, else `/tmp`;
/// socket only, `fsync` off),
/// migrated, given a byte-for-byte copy of the ledger as of one snapshot of the read server,
/// and stopped and deleted when the work ends. The read server only answers two `COPY … TO
/// STDOUT`s.
///
/// A cluster left behind by a process that was killed is stopped and deleted by the next one.
struct ScratchCluster {
    static let folderPrefix = "inventory-hub-scratch-"
    /// The file in the cluster's folder naming the process that owns it.
    static let ownerFile = "owner.pid"
    /// The cluster's home inside the folder.
    static let clusterFolder = "cluster"

    private static let removal = NSLock()

    /// The temporary folder: the owner file and the cluster's home.
    let folder: URL
    let cluster: EmbeddedPostgres

    /// Connects to `target` and runs `body` with the session that reads there (`source`) and
    /// the one a replay may write its scratch schema in (`workspace`, see below); the
    /// connection is closed whether `body` succeeds or not.
    static func withReplaySession<T: Sendable>(
        reading target: DatabaseTarget, _ body: @escaping @Sendable (_ source: PostgresSession, _ workspace: PostgresSession) throws -> T
    ) async throws -> T {
        let connection = try await target.connect()
        let result = await Result(catching: { try await connection.withSession { source in
            try withReplaySession(source: source, target: target) { try body(source, $0) }
        } })
        await connection.close()
        return try result.get()
    }

    /// Runs `body` with a session in which a replay may write its scratch schema, next to the
    /// ledger `source` reads: `source` itself on a writable server reached through `DB_DSN` or
    /// the embedded cluster, else a scratch cluster holding a copy of `source`'s ledger.
    static func withReplaySession<T>(
        source: PostgresSession, target: DatabaseTarget, _ body: (PostgresSession) throws -> T
    ) throws -> T {
        let readOnly = try target.variable == "DB_READ_DSN" || source.serverIsReadOnly()
        guard readOnly else { return try body(source) }
        let scratch = try start()
        defer { scratch.remove() }
        let session = try PostgresSession(conninfo: scratch.cluster.connectionURI)
        try Migrator(session: session).apply(try MigrationFile.bundled())
        _ = try ReadModelSchema.bundled().installLive(session: session)
        let interactive = Terminal.isInteractive
        let copy = try Ledger(session: source, digests: nil).mirror(into: session) { done, total in
            if interactive { ProgressBar.draw(label: "copy ledger", done: done, total: total) }
        }
        if interactive { ProgressBar.finish() }
        Terminal.note("copied the ledger (\(copy.events) events, up to seq \(copy.headSeq)) from \(target.variable) in \(String(format: "%.1f", copy.seconds)) s")
        return try body(session)
    }

    /// Creates and starts a scratch cluster in the temporary folder, after removing any that
    /// a killed process left behind.
    static func start() throws -> ScratchCluster {
        let temporary = FileManager.default.temporaryDirectory
        sweepAbandoned(in: temporary)
        let folder = temporary.appendingPathComponent("\(folderPrefix)\(getpid())-\(UUID().uuidString.prefix(8).lowercased())")
        // The folder holds the owner's pid and the cluster's own folder (which, as root, is
        // given to the postgres user, so it must stay empty until the cluster is created).
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try Data("\(getpid())\n".utf8).write(to: folder.appendingPathComponent(ownerFile))
        let binDirectory: String
        do {
            binDirectory = try EmbeddedPostgres.serverBinaries()
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw ScratchClusterError("the read server takes no writes, so the replay needs a private scratch cluster, and \(error)")
        }
        var cluster = EmbeddedPostgres(home: folder.appendingPathComponent(clusterFolder), port: 5432, binDirectory: binDirectory, homeIsExplicit: true)
        cluster.isDurable = false
        let scratch = ScratchCluster(folder: folder, cluster: cluster)
        Terminal.note("the read server takes no writes: replaying in a private scratch cluster in \(folder.path)")
        do {
            try cluster.start()
        } catch {
            scratch.remove()
            throw error
        }
        Interruption.removeOnSignal(scratch)
        return scratch
    }

    /// Stops the cluster and deletes its folder; failures are reported, never thrown (the work
    /// it served is done or has failed already).
    func remove() {
        Interruption.removeOnSignal(nil)
        // The interrupt handler and the interrupted work may both get here: one removes, the
        // other waits for it and finds the folder gone.
        Self.removal.lock()
        defer { Self.removal.unlock() }
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        do { try cluster.stop() } catch { Terminal.note("warning: could not stop the scratch cluster in \(cluster.home.path): \(error)") }
        do { try FileManager.default.removeItem(at: folder) } catch {
            Terminal.note("warning: could not delete the scratch cluster folder \(folder.path): \(error.localizedDescription)")
        }
    }

    /// Scratch clusters whose owning process is gone: stopped and deleted. Folders of other
    /// users, or of a process still running, are left alone.
    static func sweepAbandoned(in temporary: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix(folderPrefix) {
            let folder = temporary.appendingPathComponent(name)
            let owner = folder.appendingPathComponent(ownerFile)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: owner.path),
                (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == geteuid(),
                let text = try? String(contentsOf: owner, encoding: .utf8),
                let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH,
                let binDirectory = try? EmbeddedPostgres.fromEnvironment().binDirectory
            else { continue }
            ScratchCluster(
                folder: folder, cluster: EmbeddedPostgres(home: folder.appendingPathComponent(clusterFolder), port: 5432, binDirectory: binDirectory)
            ).remove()
        }
    }
}

struct ScratchClusterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Stops and deletes the scratch cluster when the process is interrupted (Ctrl-C, SIGTERM)
/// while one runs, then exits as the signal would have.
private enum Interruption {
    private static let state = NSLock()
    nonisolated(unsafe) private static var current: ScratchCluster?
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func removeOnSignal(_ scratch: ScratchCluster?) {
        state.lock()
        defer { state.unlock() }
        current = scratch
        guard scratch != nil, sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                state.lock()
                let scratch = current
                current = nil
                state.unlock()
                if let scratch {
                    Terminal.note("\ninterrupted: removing the scratch cluster")
                    scratch.remove()
                }
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
