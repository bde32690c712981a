import Foundation

/// Runs a PostgreSQL server binary, as the `postgres` system user when we are root
/// (`initdb` and `postgres` refuse to run as root).
///
/// It uses `posix_spawn` and `waitpid` directly, with output captured in a temporary file:
/// `pg_ctl start` leaves a server running in the background, and waiting on a pipe or on
/// Foundation's `Process` bookkeeping for it is what makes such tools hang.
public struct ProcessRunner: Sendable {
    public let runAsPostgresUser: Bool

    public init(runAsPostgresUser: Bool) { self.runAsPostgresUser = runAsPostgresUser }

    public struct Output: Sendable {
        public let status: Int32
        public let text: String
    }

    public func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let argv = runAsPostgresUser ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-hub-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw EmbeddedPostgresError("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw EmbeddedPostgresError("waiting for \(executable) failed: \(String(cString: strerror(errno)))") }
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(status: exitStatus, text: text)
    }
}
