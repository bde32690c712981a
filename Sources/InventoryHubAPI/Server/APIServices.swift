import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// What every route shares: the connection pool, the logger, the response cache and the
/// background jobs the server runs (collections, verification).
public final class APIServices: Sendable {
    public let pool: PostgresPool
    /// Where GET routes of the API read: a read replica (`DB_READ_DSN`) when one is given, else
    /// `pool`. Writes, tokens and dashboard sessions always use `pool`.
    public let readPool: PostgresPool
    public let logger: Logger
    public let environment: [String: String]
    let cache = ResponseCache(capacity: 256)
    public let jobs: BackgroundJobs
    /// Where audit packs built through the API are kept, one folder per month.
    public let auditFolder: URL

    public init(
        pool: PostgresPool, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        auditFolder: URL = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-hub-audit-packs"),
        readPool: PostgresPool? = nil
    ) {
        self.pool = pool
        self.readPool = readPool ?? pool
        self.auditFolder = auditFolder
        self.logger = logger
        self.environment = environment
        self.jobs = BackgroundJobs(logger: logger)
    }

    func closePools() async {
        await pool.close()
        if readPool !== pool { await readPool.close() }
    }

    /// A GET answered from one read-only snapshot, tagged with the version of what it read:
    /// `If-None-Match` with the current tag is a 304 before the query runs, and a response
    /// already computed for this tag and URL comes from the cache.
    func cachedGET(
        _ request: Request, _ context: APIRequestContext, version: ReadModelVersion = .readModels,
        _ body: @escaping @Sendable (PostgresSession) throws -> Response
    ) async throws -> Response {
        _ = try context.require(.viewer)
        let cache = self.cache
        return try await readPool.withSession { session in
            try session.readOnlySnapshot {
                let etag = ReadModelVersion.etag(token: try version.token(session), request: request)
                if ReadModelVersion.matches(etag, request: request) {
                    return Response(status: .notModified, headers: [.eTag: etag])
                }
                if let cached = cache.response(for: etag) { return cached }
                var response = try body(session)
                response.headers[.eTag] = etag
                response.headers[.cacheControl] = "private, no-cache"
                if response.status == .ok { cache.store(response, for: etag) }
                return response
            }
        }
    }
}
