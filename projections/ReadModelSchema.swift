import Foundation
import Migrations
import PostgresClient

/// The DDL of every read model, defined once in `projections/<name>/<name>.sql` and used for the
/// live tables, the shadow tables of a rebuild and the scratch schema of a replay.
public struct ReadModelSchema: Sendable {
    /// The DDL files in dependency order (device_snapshot's tables are referenced by others).
    public static let order = ["device_snapshot", "daily_counts", "change_log", "exceptions", "site_alias"]

    public let files: [MigrationFile]

    public static func bundled() throws -> ReadModelSchema {
        let all = try SQLResources.load(from: Bundle.module)
        let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
        return ReadModelSchema(files: order.compactMap { byName["\($0).sql"] })
    }

    public func file(_ readModel: String) -> MigrationFile? {
        files.first { $0.name == "\(readModel).sql" }
    }

    /// Creates the tables of `readModels` (default all) in `schema`, which must exist.
    public func create(in schema: String, readModels: [String]? = nil, session: PostgresSession) throws {
        let wanted = readModels ?? Self.order
        try session.execute("SET LOCAL search_path = \(PostgresQuery.quoteIdentifier(schema)), public")
        for file in files where wanted.contains(String(file.name.dropLast(4))) {
            try session.execute(file.sql)
        }
    }

    /// Installs the live read-model tables in `public` the first time, recording each file's
    /// checksum. A table that exists is left as it is, even when its file has changed since:
    /// a rebuild of that read model creates it from the new file and records the new checksum
    /// (nothing reports the difference before then).
    /// - Returns: the read models installed by this call.
    @discardableResult
    public func installLive(session: PostgresSession) throws -> [String] {
        var installed: [String] = []
        for file in files {
            let readModel = String(file.name.dropLast(4))
            let existing = try session.query("SELECT checksum FROM read_model_schema WHERE read_model = \(readModel)")
            if existing.first != nil { continue }
            try session.transaction {
                try create(in: "public", readModels: [readModel], session: session)
                try session.query("INSERT INTO read_model_schema (read_model, checksum) VALUES (\(readModel), \(file.checksum))")
            }
            installed.append(readModel)
        }
        return installed
    }
}
