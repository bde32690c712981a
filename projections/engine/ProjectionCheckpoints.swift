import Foundation
import PostgresClient

/// The `projection_checkpoint` rows: how far each live projection has applied the ledger.
struct ProjectionCheckpoints {
    let session: PostgresSession

    struct Entry: Sendable {
        let projection: ProjectionName
        let version: Int
        let lastSeq: Int64
        let updatedAt: Date?
        let lastRunSeconds: Double?
    }

    /// The stored entry, creating one at seq 0 with the code's version for a new install.
    func entry(_ projection: ProjectionName) throws -> Entry {
        try session.query("""
            INSERT INTO projection_checkpoint (projection, version, last_seq) VALUES (\(projection.rawValue), \(projection.version), 0)
            ON CONFLICT (projection) DO NOTHING
            """)
        let row = try session.query("""
            SELECT version, last_seq, updated_at, last_run_seconds FROM projection_checkpoint WHERE projection = \(projection.rawValue)
            """)[0]
        return Entry(
            projection: projection, version: try row.decode(Int.self, 0), lastSeq: Int64(try row.decode(Int.self, 1)),
            updatedAt: try row.decode(Date?.self, 2), lastRunSeconds: try row.decode(Double?.self, 3))
    }

    /// The stored entry without creating one (a read-only server can answer this), nil before
    /// the projection's first run.
    func storedEntry(_ projection: ProjectionName) throws -> Entry? {
        try session.query("""
            SELECT version, last_seq, updated_at, last_run_seconds FROM projection_checkpoint WHERE projection = \(projection.rawValue)
            """).first.map { row in
            Entry(
                projection: projection, version: try row.decode(Int.self, 0), lastSeq: Int64(try row.decode(Int.self, 1)),
                updatedAt: try row.decode(Date?.self, 2), lastRunSeconds: try row.decode(Double?.self, 3))
        }
    }

    func advance(_ projection: ProjectionName, to seq: Int64, seconds: Double) throws {
        try session.query("""
            UPDATE projection_checkpoint SET last_seq = \(Int(seq)), updated_at = now(), last_run_seconds = \(seconds)
            WHERE projection = \(projection.rawValue)
            """)
    }

    /// After a rebuild: the code's version, at the rebuild's head.
    func reset(_ projection: ProjectionName, to seq: Int64, seconds: Double) throws {
        try session.query("""
            INSERT INTO projection_checkpoint (projection, version, last_seq, updated_at, last_run_seconds)
            VALUES (\(projection.rawValue), \(projection.version), \(Int(seq)), now(), \(seconds))
            ON CONFLICT (projection) DO UPDATE SET version = EXCLUDED.version, last_seq = EXCLUDED.last_seq,
                updated_at = EXCLUDED.updated_at, last_run_seconds = EXCLUDED.last_run_seconds
            """)
    }

    /// Every projection's `last_seq`, by name.
    static func lastSeqs(session: PostgresSession) throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try session.query("SELECT projection::text, last_seq FROM projection_checkpoint").map {
            (try $0.decode(String.self, 0), Int64(try $0.decode(Int.self, 1)))
        })
    }

    static func lockKey(_ projection: ProjectionName) -> Int64 {
        PostgresSession.advisoryKey("inventory-hub.projection.\(projection.rawValue)")
    }
}
