import Foundation
import Migrations
import PostgresClient
import Projections

/// A fresh database per test suite on the server named by `DB_DSN` (set by `tools/test`).
/// There is no fallback: without `DB_DSN` the suite fails, it never silently skips.
public struct TestDatabase: Sendable {
    public let name: String
    public let conninfo: String
    private let adminConninfo: String

    public enum Failure: Error, CustomStringConvertible {
        case missingDSN
        public var description: String {
            "DB_DSN is not set: integration tests need a PostgreSQL server (run tools/test, which starts one)"
        }
    }

    /// Creates an empty database named after `suite` with a random suffix.
    public static func create(_ suite: String, migrated: Bool = true) throws -> TestDatabase {
        guard let admin = ProcessInfo.processInfo.environment["DB_DSN"], !admin.isEmpty else { throw Failure.missingDSN }
        let safeSuite = suite.lowercased().filter { $0.isLetter || $0.isNumber }
        let name = "test_\(safeSuite.prefix(30))_\(UInt32.random(in: 0...UInt32.max))"
        let session = try PostgresSession(conninfo: admin)
        try session.execute("CREATE DATABASE \(PostgresQuery.quoteIdentifier(name))")
        let database = TestDatabase(name: name, conninfo: Self.conninfo(admin, database: name), adminConninfo: admin)
        if migrated {
            let target = try database.session()
            try Migrator(session: target).apply(try MigrationFile.bundled())
            try ReadModelSchema.bundled().installLive(session: target)
        }
        return database
    }

    public func session() throws -> PostgresSession {
        try PostgresSession(conninfo: conninfo)
    }

    public func connection() async throws -> PostgresConnection {
        try await PostgresConnection.connect(conninfo)
    }

    /// Drops the database, ending any connection left open.
    public func drop() {
        guard let session = try? PostgresSession(conninfo: adminConninfo) else { return }
        _ = try? session.execute("DROP DATABASE IF EXISTS \(PostgresQuery.quoteIdentifier(name)) WITH (FORCE)")
    }

    /// The same server with another database: works for both URIs and key=value strings.
    static func conninfo(_ admin: String, database: String) -> String {
        if admin.hasPrefix("postgres://") || admin.hasPrefix("postgresql://") {
            guard var components = URLComponents(string: admin) else { return admin }
            components.path = "/" + database
            return components.string ?? admin
        }
        return admin + " dbname=\(database)"
    }
}

extension TestDatabase {
    private final class Registry: @unchecked Sendable {
        // Guarded by `lock`; test suites create their database from several threads.
        let lock = NSLock()
        var databases: [String: TestDatabase] = [:]
    }
    private static let registry = Registry()

    /// One migrated database per suite, created on first use and shared by its tests (Swift
    /// Testing makes a new suite instance per test, so `init` must not create it each time).
    public static func shared(_ suite: String) throws -> TestDatabase {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        if let existing = registry.databases[suite] { return existing }
        let database = try create(suite)
        registry.databases[suite] = database
        return database
    }
}
