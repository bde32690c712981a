import EmbeddedPostgres
import Foundation
import PostgresClient

/// Where commands connect: `DB_DSN` when set, else the embedded cluster (started on demand).
/// Read-only work may go to `DB_READ_DSN` instead (a streaming standby or read replica), so
/// auditors and reports do not load the primary; writes always go to `DB_DSN`.
struct DatabaseTarget {
    enum Access {
        /// Appends, projections, aliases, tokens, scratch schemas: the primary, never a read-only server.
        case write
        /// Reads only (listing, reports, verification): `DB_READ_DSN` when set.
        case read
    }

    let conninfo: String
    let isEmbedded: Bool
    let access: Access
    /// The variable the conninfo came from, for messages.
    let variable: String

    static func resolve(_ access: Access = .write, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseTarget {
        if access == .read, let dsn = environment["DB_READ_DSN"], !dsn.trimmingCharacters(in: .whitespaces).isEmpty {
            return DatabaseTarget(conninfo: dsn, isEmbedded: false, access: .read, variable: "DB_READ_DSN")
        }
        if let dsn = environment["DB_DSN"], !dsn.trimmingCharacters(in: .whitespaces).isEmpty {
            return DatabaseTarget(conninfo: dsn, isEmbedded: false, access: access, variable: "DB_DSN")
        }
        let embedded = try EmbeddedPostgres.fromEnvironment(environment)
        try embedded.start(report: { Terminal.note($0) })
        return DatabaseTarget(conninfo: embedded.connectionURI, isEmbedded: true, access: access, variable: "the embedded cluster")
    }

    /// A connection; for writing, one that refuses a read-only server (a hot standby named by
    /// `DB_DSN` by mistake) with a sentence instead of failing at the first write.
    func connect() async throws -> PostgresConnection {
        let connection = try await PostgresConnection.connect(conninfo)
        guard access == .write else { return connection }
        do {
            let readOnly = try await connection.withSession { try $0.serverIsReadOnly() }
            guard !readOnly else { throw DatabaseTargetError.readOnly(variable: variable) }
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }
}

enum DatabaseTargetError: Error, CustomStringConvertible {
    case readOnly(variable: String)

    var description: String {
        switch self {
        case .readOnly(let variable):
            return "\(variable) names a read-only server (a hot standby or read replica), and this command writes: point DB_DSN at the primary (a replica belongs in DB_READ_DSN, which only read-only commands use)"
        }
    }
}
