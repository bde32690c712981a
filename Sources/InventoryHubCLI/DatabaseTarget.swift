import EmbeddedPostgres
import Foundation
import PostgresClient

/// Where commands connect: `DB_DSN` when set, else the embedded cluster (started on demand).
struct DatabaseTarget {
    let conninfo: String
    let isEmbedded: Bool

    static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseTarget {
        if let dsn = environment["DB_DSN"], !dsn.trimmingCharacters(in: .whitespaces).isEmpty {
            return DatabaseTarget(conninfo: dsn, isEmbedded: false)
        }
        let embedded = try EmbeddedPostgres.fromEnvironment(environment)
        try embedded.start(report: { Terminal.note($0) })
        return DatabaseTarget(conninfo: embedded.connectionURI, isEmbedded: true)
    }

    func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(conninfo)
    }
}
