import PostgresClient

/// Applies `migrations/` in order, each file in its own transaction, and records its checksum
/// in `schema_migrations`. Re-running is a no-op; an applied file that was edited is refused.
public struct Migrator {
    public enum Failure: Error, CustomStringConvertible {
        case editedAfterApply(name: String, recorded: String, current: String)
        case failed(name: String, underlying: PostgresError)

        public var description: String {
            switch self {
            case .editedAfterApply(let name, let recorded, let current):
                return "migration \(name) was edited after it was applied (recorded checksum \(recorded.prefix(12))…, "
                    + "file now \(current.prefix(12))…); restore the file and add a new migration instead"
            case .failed(let name, let underlying):
                return "migration \(name) failed: \(underlying.description); nothing of it was applied"
            }
        }
    }

    private static let lockKey = PostgresSession.advisoryKey("inventory-hub.migrate")
    private let session: PostgresSession

    public init(session: PostgresSession) {
        self.session = session
    }

    /// - Returns: the names of the files applied by this call (empty when all were applied).
    @discardableResult
    public func apply(_ files: [MigrationFile]) throws -> [String] {
        try session.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        // Two `migrate` commands at once take turns rather than race.
        try session.query("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? session.query("SELECT pg_advisory_unlock(\(Self.lockKey))") }

        var recorded: [String: String] = [:]
        for row in try session.query("SELECT name, checksum FROM schema_migrations") {
            recorded[try row.decode(String.self, 0)] = try row.decode(String.self, 1)
        }
        var applied: [String] = []
        for file in files.sorted(by: { $0.name < $1.name }) {
            if let checksum = recorded[file.name] {
                guard checksum == file.checksum else {
                    throw Failure.editedAfterApply(name: file.name, recorded: checksum, current: file.checksum)
                }
                continue
            }
            do {
                try session.transaction {
                    try session.execute(file.sql)
                    try session.query("INSERT INTO schema_migrations (name, checksum) VALUES (\(file.name), \(file.checksum))")
                }
            } catch let error as PostgresError {
                throw Failure.failed(name: file.name, underlying: error)
            }
            applied.append(file.name)
        }
        return applied
    }
}
