import Migrations
import PostgresClient
import Projections
import TestSupport
import Testing

@Suite("Migrations reproduce the seed schema", .serialized)
struct MigrationsTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase.shared("migrations") }

    @Test("every seed table has its columns with their types", arguments: SeedSchema.tables.map(\.name))
    func columns(table: String) throws {
        let expected = SeedSchema.tables.first { $0.name == table }!
        let session = try database.session()
        var actual: [String: String] = [:]
        for row in try session.query("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = \(table)
            """)
        {
            actual[try row.decode(String.self, 0)] = try row.decode(String.self, 1)
        }
        #expect(!actual.isEmpty, "table \(table) is missing")
        for (column, type) in expected.columns {
            #expect(actual[column] == type, "\(table).\(column) should be \(type), is \(actual[column] ?? "missing")")
        }
    }

    @Test("primary keys and unique constraints match the seed", arguments: SeedSchema.tables.map(\.name))
    func constraints(table: String) throws {
        let expected = SeedSchema.tables.first { $0.name == table }!
        let session = try database.session()
        let rows = try session.query("""
            SELECT c.contype::text, array_to_string(array_agg(a.attname::text ORDER BY k.ordinality), ',')
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
            CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ordinality)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE t.relname = \(table) AND c.contype IN ('p', 'u')
            GROUP BY c.oid, c.contype
            """)
        var primary: [String] = []
        var uniques: Set<String> = []
        for row in rows {
            let columns = try row.decode(String.self, 1)
            if try row.decode(String.self, 0) == "p" { primary = columns.split(separator: ",").map(String.init) } else { uniques.insert(columns) }
        }
        #expect(primary == expected.primaryKey)
        for unique in expected.unique {
            #expect(uniques.contains(unique.joined(separator: ",")), "\(table) lacks UNIQUE (\(unique.joined(separator: ", ")))")
        }
    }

    @Test("every named index of the seed exists on its table", arguments: SeedSchema.tables.map(\.name))
    func indexes(table: String) throws {
        let expected = SeedSchema.tables.first { $0.name == table }!
        let session = try database.session()
        let names = Set(try session.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = \(table)")
            .map { try $0.decode(String.self, 0) })
        for index in expected.indexes {
            #expect(names.contains(index), "index \(index) is missing on \(table)")
        }
    }

    @Test("vendor ids and codes are seeded")
    func referenceRows() throws {
        let session = try database.session()
        let vendors = try session.query("SELECT id, name FROM vendor ORDER BY id").map { "\(try $0.decode(Int.self, 0))=\(try $0.decode(String.self, 1))" }
        #expect(vendors == ["3=Ninja", "4=ThreatLocker"])
        let types = Set(try session.query("SELECT code FROM device_type").map { try $0.decode(String.self, 0) })
        #expect(types.isSuperset(of: ["server", "workstation", "unknown"]))
        let billing = Set(try session.query("SELECT code FROM billing_status").map { try $0.decode(String.self, 0) })
        #expect(billing == ["billable", "spare", "unknown"])
    }

    @Test("the seed's common queries run unchanged", arguments: SeedCommonQueries.all)
    func commonQueries(sql: String) throws {
        let session = try database.session()
        try session.execute(sql)
    }

    @Test("running the migrations again applies nothing")
    func idempotent() throws {
        let session = try database.session()
        #expect(try Migrator(session: session).apply(try MigrationFile.bundled()).isEmpty)
        #expect(try ReadModelSchema.bundled().installLive(session: session).isEmpty)
        #expect(try session.query("SELECT count(*) FROM schema_migrations")[0].decode(Int.self, 0) == (try MigrationFile.bundled().count))
    }

    @Test("an applied migration that was edited is refused with a clear error")
    func editedMigration() throws {
        let session = try database.session()
        var files = try MigrationFile.bundled()
        files[0] = MigrationFile(name: files[0].name, sql: files[0].sql + "\n-- edited\n")
        do {
            try Migrator(session: session).apply(files)
            Issue.record("an edited migration must be refused")
        } catch let failure as Migrator.Failure {
            #expect(failure.description.contains(files[0].name))
            #expect(failure.description.contains("edited after it was applied"))
        }
    }

    @Test("a failing migration leaves nothing of itself behind")
    func failingMigration() throws {
        let session = try database.session()
        let broken = MigrationFile(name: "9999_broken.sql", sql: "CREATE TABLE half_done (n int); SELECT no_such_function();")
        #expect(throws: Migrator.Failure.self) { try Migrator(session: session).apply(try MigrationFile.bundled() + [broken]) }
        #expect(try session.query("SELECT to_regclass('half_done') IS NULL")[0].decode(Bool.self, 0))
        #expect(try session.query("SELECT count(*) FROM schema_migrations WHERE name = '9999_broken.sql'")[0].decode(Int.self, 0) == 0)
    }
}
