import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// Resolves `Authorization: Bearer TOKEN` to an identity for every `/api` route but
/// `/api/health`: no token, or an unknown or revoked one, is a 401 before any route runs.
/// Roles are checked by each route (`context.require`), so a wrong role is a 403.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let services: APIServices

    static let openPaths: Set<String> = ["/api/health"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/api/") || path == "/api", !Self.openPaths.contains(path) else {
            return try await next(request, context)
        }
        guard let token = Self.bearerToken(request) else {
            // A signed-in dashboard may read (downloads of CSV), never write, with its cookie.
            if request.method == .get || request.method == .head, let cookie = DashboardMiddleware.sessionCookie(request),
                let session = try await services.pool.withSession({ try DashboardSessions().session(cookie: cookie, $0) })
            {
                var context = context
                context.identity = session.identity
                return try await next(request, context)
            }
            throw APIError.unauthorized
        }
        guard let identity = try await services.pool.withSession({ try APITokenStore().identity(token: token, $0) }) else {
            throw APIError.unauthorized
        }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
