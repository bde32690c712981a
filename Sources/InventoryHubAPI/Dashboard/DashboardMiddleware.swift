import Foundation
import HTTPTypes
import Hummingbird
import PostgresClient

/// The dashboard's pages need a signed-in session (cookie `ihub_session`): without one a page
/// redirects to the sign-in page, a form post is refused. Every dashboard response carries a
/// Content-Security-Policy that allows only this server's own styles and scripts, and forbids
/// framing.
struct DashboardMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let services: APIServices

    static let openPaths: Set<String> = ["/sign-in", "/assets/app.css", "/assets/app.js"]
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        (.xContentTypeOptions, "nosniff"), (HTTPField.Name("Referrer-Policy")!, "same-origin"), (HTTPField.Name("X-Frame-Options")!, "DENY"),
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path == "/api" { return try await next(request, context) }
        var context = context
        if !Self.openPaths.contains(path) {
            guard let cookie = Self.sessionCookie(request),
                let session = try await services.pool.withSession({ try DashboardSessions().session(cookie: cookie, $0) })
            else {
                if request.method == .get || request.method == .head {
                    let target = path == "/" ? "/sign-in" : "/sign-in?next=\(HTMLText.query(request.uri.description))"
                    return Self.secured(Response(status: .seeOther, headers: [.location: target]))
                }
                return Self.secured(DashboardPage.error(status: .forbidden, "Your session has ended. Sign in again."))
            }
            context.identity = session.identity
            context.csrfToken = session.csrfToken
        }
        return Self.secured(try await next(request, context))
    }

    static func secured(_ response: Response) -> Response {
        var response = response
        for (name, value) in securityHeaders { response.headers[name] = value }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static func sessionCookie(_ request: Request) -> String? {
        request.cookies[DashboardSessions.cookieName]?.value
    }
}
