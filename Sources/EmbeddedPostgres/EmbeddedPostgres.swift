import Foundation

/// The private PostgreSQL cluster used when `DB_DSN` is unset: created with `initdb` under
/// `INVENTORY_HUB_HOME` and started with `pg_ctl` on a Unix socket only (no TCP port).
/// As root the server runs as the `postgres` user, which must be able to reach that folder:
/// nothing above it is changed (see `PostgresAccess`).
public struct EmbeddedPostgres: Sendable {
    public static let databaseName = "inventory_hub"

    public enum Status: Sendable, Equatable, CustomStringConvertible {
        case notInitialized
        case stopped
        case running(pid: Int)

        public var description: String {
            switch self {
            case .notInitialized: return "not initialized"
            case .stopped: return "stopped"
            case .running(let pid): return "running (pid \(pid))"
            }
        }
    }

    public let home: URL
    public let port: Int
    public let binDirectory: String
    public let homeIsExplicit: Bool
    public let formerDefaultHome: URL?
    /// Whether the server syncs what it writes to disk. Off only for a throwaway cluster whose
    /// contents are recomputed from elsewhere on every use (`fsync`, `full_page_writes` and
    /// `synchronous_commit` off): a crash may corrupt it, and nothing in it is kept.
    public var isDurable = true

    public var dataDirectory: URL { home.appendingPathComponent("pgdata") }
    public var socketDirectory: URL { home.appendingPathComponent("run") }
    public var logFile: URL { home.appendingPathComponent("postgres.log") }

    /// The libpq URI of the cluster's database.
    public var connectionURI: String {
        "postgresql:///\(Self.databaseName)?host=\(socketDirectory.path)&port=\(port)&user=postgres"
    }

    /// Reads `INVENTORY_HUB_HOME` (default: see `ClusterHome`), `INVENTORY_HUB_PG_PORT` (socket
    /// number, default 5432) and `INVENTORY_HUB_PG_BIN`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> EmbeddedPostgres {
        let choice = try ClusterHome.resolve(environment: environment, uid: geteuid(), passwordHome: ClusterHome.passwordDatabaseHome(uid:))
        let port = Int(environment["INVENTORY_HUB_PG_PORT"] ?? "") ?? 5432
        let bin = try serverBinaries(environment)
        return EmbeddedPostgres(
            home: URL(fileURLWithPath: choice.path).standardizedFileURL, port: port, binDirectory: bin,
            homeIsExplicit: choice.source == .inventoryHubHome,
            formerDefaultHome: choice.formerDefault.map { URL(fileURLWithPath: $0).standardizedFileURL })
    }

    /// - Parameters:
    ///   - homeIsExplicit: whether `INVENTORY_HUB_HOME` named `home` (it changes the advice of refusals).
    ///   - formerDefaultHome: where earlier versions put the cluster by default; a cluster found
    ///     there when a new one is created is mentioned.
    public init(home: URL, port: Int, binDirectory: String, homeIsExplicit: Bool = true, formerDefaultHome: URL? = nil) {
        self.home = home
        self.port = port
        self.binDirectory = binDirectory
        self.homeIsExplicit = homeIsExplicit
        self.formerDefaultHome = formerDefaultHome
    }

    /// `INVENTORY_HUB_PG_BIN`, else the newest installed server's folder.
    public static func serverBinaries(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try environment["INVENTORY_HUB_PG_BIN"] ?? findServerBinaries()
    }

    /// The newest `/usr/lib/postgresql/N/bin` holding `initdb` and `pg_ctl`.
    static func findServerBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/pg_ctl") {
            return "\(root)/\(version)/bin"
        }
        throw EmbeddedPostgresError(
            "no PostgreSQL server binaries found under \(root) (install the 'postgresql' package, set INVENTORY_HUB_PG_BIN, or set DB_DSN)")
    }

    var isRoot: Bool { geteuid() == 0 }
    var runner: ProcessRunner { ProcessRunner(runAsPostgresUser: isRoot) }
    var postmasterPIDFile: URL { dataDirectory.appendingPathComponent("postmaster.pid") }

    public func status() -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else { return .notInitialized }
        guard let pid = recordedPID() else { return .stopped }
        return kill(pid_t(pid), 0) == 0 || errno == EPERM ? .running(pid: pid) : .stopped
    }

    func recordedPID() -> Int? {
        guard let text = try? String(contentsOf: postmasterPIDFile, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
