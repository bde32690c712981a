import Crypto
import Foundation

/// One numbered SQL file of `migrations/`, shipped inside the build as a resource.
public struct MigrationFile: Sendable, Hashable {
    /// The file name, e.g. `0001_reference_tables.sql`; its number orders the migrations.
    public let name: String
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// Hex SHA-256 of the file's bytes: an applied migration whose file changes is refused.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Every migration shipped with this build, in order.
    public static func bundled() throws -> [MigrationFile] {
        try SQLResources.load(from: Bundle.module)
    }
}

/// Reads the `.sql` resources of a bundle, sorted by name.
public enum SQLResources {
    public static func load(from bundle: Bundle) throws -> [MigrationFile] {
        let folder = bundle.resourceURL ?? bundle.bundleURL
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
        return try names.sorted().map { name in
            MigrationFile(name: name, sql: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }
}
