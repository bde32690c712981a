import Foundation
import PostgresClient

extension ReadModelSchema {
    /// The tables of the `public` schema, by name: what `migrate` reports.
    public static func publicTables(_ session: PostgresSession) throws -> [String] {
        try session.query("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
            """).map { try $0.decode(String.self, 0) }
    }

    /// Drops everything this system keeps in the database — the ledger, the read models, and
    /// the rebuild, verify and demo scratch schemas — for a deliberate start over (`demo --fresh`).
    public static func eraseEverything(_ session: PostgresSession) throws {
        let schemas = try session.query("""
            SELECT nspname::text FROM pg_namespace WHERE nspname LIKE 'inventory\\_%' OR nspname = 'demo_replay'
            """).map { try $0.decode(String.self, 0) }
        for schema in schemas { try session.execute("DROP SCHEMA \(PostgresQuery.quoteIdentifier(schema)) CASCADE") }
        try session.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    }
}
