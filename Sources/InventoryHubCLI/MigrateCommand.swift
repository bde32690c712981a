import ArgumentParser
import Migrations
import PostgresClient
import Projections

/// `inventory-hub migrate`: applies migrations/ and installs the live read-model tables.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the schema migrations and create the read-model tables.",
        discussion: """
            Each file of migrations/ runs in its own transaction and is recorded with its checksum in schema_migrations; running it again is a no-op, and an applied file that was edited is refused. Read-model tables are created from projections/ the first time.
            """
    )

    @Flag(help: "Print what was applied as JSON.") var json = false

    /// Applies the migrations and installs missing read-model tables.
    @discardableResult
    static func apply(_ connection: PostgresConnection) async throws -> (applied: [String], installed: [String]) {
        let migrations = try MigrationFile.bundled()
        let schema = try ReadModelSchema.bundled()
        return try await connection.withSession { session in
            let applied = try Migrator(session: session).apply(migrations)
            let installed = try schema.installLive(session: session)
            if try SiteAliasWriter.importLegacy(session) > 0 { _ = try ProjectionEngine(session: session).catchUp([.siteAlias]) }
            return (applied, installed)
        }
    }

    func run() async throws {
        let target = try DatabaseTarget.resolve()
        let connection = try await target.connect()
        let migrations = try MigrationFile.bundled()
        let (applied, installed) = try await Self.apply(connection)
        let tables = try await connection.withSession { try ReadModelSchema.publicTables($0) }
        await connection.close()
        if json {
            try Terminal.printJSON(["applied": applied, "readModelsInstalled": installed, "tables": tables])
            return
        }
        print(applied.isEmpty ? "migrations: all \(migrations.count) already applied" : "migrations applied: \(applied.joined(separator: ", "))")
        if !installed.isEmpty { print("read models created: \(installed.joined(separator: ", "))") }
        print("tables (\(tables.count)): \(tables.joined(separator: ", "))")
    }
}
