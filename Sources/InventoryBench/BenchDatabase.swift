import EmbeddedPostgres
import Foundation
import Migrations
import PostgresClient
import Projections

/// A fresh database for one benchmark run on the server of `DB_DSN` (or the embedded cluster),
/// dropped at the end.
struct BenchDatabase {
    let name: String
    let conninfo: String
    let adminConninfo: String

    static func create() throws -> BenchDatabase {
        let admin: String
        if let dsn = ProcessInfo.processInfo.environment["DB_DSN"], !dsn.isEmpty {
            admin = dsn
        } else {
            let embedded = try EmbeddedPostgres.fromEnvironment()
            try embedded.start(report: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
            admin = embedded.connectionURI
        }
        let name = "inventory_bench_\(ProcessInfo.processInfo.processIdentifier)"
        let session = try PostgresSession(conninfo: admin)
        try session.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try session.execute("CREATE DATABASE \(name)")
        let conninfo = Self.conninfo(admin, database: name)
        let target = try PostgresSession(conninfo: conninfo)
        try Migrator(session: target).apply(try MigrationFile.bundled())
        try ReadModelSchema.bundled().installLive(session: target)
        return BenchDatabase(name: name, conninfo: conninfo, adminConninfo: admin)
    }

    func session() throws -> PostgresSession { try PostgresSession(conninfo: conninfo) }

    func drop() {
        _ = try? PostgresSession(conninfo: adminConninfo).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    static func conninfo(_ admin: String, database: String) -> String {
        if admin.hasPrefix("postgres://") || admin.hasPrefix("postgresql://"), var components = URLComponents(string: admin) {
            components.path = "/" + database
            return components.string ?? admin
        }
        return admin + " dbname=\(database)"
    }
}
