import Foundation
import PostgresClient

/// The secondary indexes and foreign keys of freshly created read-model tables (a rebuild's
/// shadow schema, a replay's scratch schema), dropped before the bulk load and created again
/// from the definitions the catalog gave once every row is in: building an index from sorted
/// rows, and checking a foreign key with one join, cost a fraction of maintaining them row by
/// row. Primary keys and unique constraints stay, since the projectors look rows up by them.
struct DeferredIndexes {
    struct Definition {
        let table: String
        let name: String
        /// `pg_get_indexdef` or `pg_get_constraintdef` of the dropped object.
        let sql: String
    }

    let schema: String
    let indexes: [Definition]
    let foreignKeys: [Definition]

    /// Drops the plain indexes and foreign keys of every table in `schema`, remembering them.
    static func drop(in schema: String, session: PostgresSession) throws -> DeferredIndexes {
        let indexes = try session.query("""
            SELECT t.relname::text, i.relname::text, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = \(schema) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY t.relname, i.relname
            """).map { Definition(table: try $0.decode(String.self, 0), name: try $0.decode(String.self, 1), sql: try $0.decode(String.self, 2)) }
        let foreignKeys = try session.query("""
            SELECT t.relname::text, c.conname::text, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = \(schema) AND c.contype = 'f'
            ORDER BY t.relname, c.conname
            """).map { Definition(table: try $0.decode(String.self, 0), name: try $0.decode(String.self, 1), sql: try $0.decode(String.self, 2)) }
        let deferred = DeferredIndexes(schema: schema, indexes: indexes, foreignKeys: foreignKeys)
        try session.transaction {
            for key in foreignKeys {
                try session.execute("ALTER TABLE \(deferred.qualified(key.table)) DROP CONSTRAINT \(PostgresQuery.quoteIdentifier(key.name))")
            }
            for index in indexes { try session.execute("DROP INDEX \(deferred.qualified(index.name))") }
        }
        return deferred
    }

    /// Creates the dropped indexes and foreign keys again (each key validated by one query over
    /// the loaded rows), then gathers statistics of every table, so the first queries on the
    /// swapped-in tables are planned with their real sizes.
    func create(session: PostgresSession, maintenanceMemory: String = "512MB") throws {
        var timer = PhaseTimer()
        try session.transaction {
            try session.query("SELECT set_config('maintenance_work_mem', \(maintenanceMemory), true)")
            for index in indexes {
                try session.execute(index.sql)
                timer.lap("  index \(index.name)")
            }
            for key in foreignKeys {
                try session.execute("ALTER TABLE \(qualified(key.table)) ADD CONSTRAINT \(PostgresQuery.quoteIdentifier(key.name)) \(key.sql)")
                timer.lap("  foreign key \(key.name)")
            }
        }
        let tables = try session.query("""
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND c.relkind = 'r' ORDER BY c.relname
            """).map { try $0.decode(String.self, 0) }
        if !tables.isEmpty { try session.execute("ANALYZE \(tables.map(qualified).joined(separator: ", "))") }
        timer.lap("  analyze")
    }

    private func qualified(_ name: String) -> String {
        "\(PostgresQuery.quoteIdentifier(schema)).\(PostgresQuery.quoteIdentifier(name))"
    }
}
