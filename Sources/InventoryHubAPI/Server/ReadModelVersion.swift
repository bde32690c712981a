import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// What a response was computed from, as an ETag: read models change only when a projection's
/// checkpoint moves, jobs when a job row changes, the ledger when its head moves. A GET answers
/// `If-None-Match` with 304 before running its query.
enum ReadModelVersion: Sendable {
    /// The projection checkpoints (and the ledger head, for routes that read it as well).
    case readModels
    /// The job rows as well as the read models.
    case jobs
    /// Changes with the clock too (freshness, "failed in the last 24 hours"): by the minute.
    case live

    func token(_ session: PostgresSession) throws -> String {
        var text = try session.query("""
            SELECT coalesce(string_agg(projection || ':' || last_seq || ':' || version, ',' ORDER BY projection), ''),
                   (SELECT last_seq FROM ledger_seq_counter)::text
            FROM projection_checkpoint
            """).first.map { row in
            try (0..<2).map { try row.decode(String?.self, $0) ?? "" }.joined(separator: "|")
        } ?? ""
        if self != .readModels {
            text += "|" + (try session.query("""
                SELECT coalesce(max(updated_at), 'epoch')::text || count(*)::text FROM job_runs
                """)[0].decode(String.self, 0))
            text += "|" + (try session.query("SELECT coalesce(max(created_at), 'epoch')::text FROM job_batches")[0].decode(String.self, 0))
        }
        if self == .live { text += "|" + String(Int(Date().timeIntervalSince1970 / 60)) }
        return text
    }

    /// A strong ETag over the version token and the request's path and query.
    static func etag(token: String, request: Request) -> String {
        let digest = SHA256.hash(data: Data((token + "|" + request.uri.description).utf8))
        return "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }

    static func matches(_ etag: String, request: Request) -> Bool {
        guard let header = request.headers[.ifNoneMatch] else { return false }
        return header.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }
    }
}
