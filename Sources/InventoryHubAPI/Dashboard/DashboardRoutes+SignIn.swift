import Foundation
import HTTPTypes
import Hummingbird
import PostgresClient

extension DashboardRoutes {
    func signInPage(_ request: Request, _ context: APIRequestContext, message: String?) -> Response {
        let next = RequestParameters(request).query["next"] ?? "/"
        var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Sign in · ES Inventory Hub</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main class=\"narrow\">"
        html += "<h1>Sign in to ES Inventory Hub</h1>"
        if let message { html += "<p class=\"notice error\" role=\"alert\">\(HTMLText.escape(message))</p>" }
        html += "<form method=\"post\" action=\"/sign-in\"><input type=\"hidden\" name=\"next\" value=\"\(HTMLText.escape(Self.safeNext(next)))\">"
        html += "<label>API token<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required autofocus placeholder=\"ihub_…\" size=\"50\"></label>"
        html += "<p><button type=\"submit\">Sign in</button></p></form>"
        html += "<p class=\"muted\">Paste the token an administrator created for you with <code>inventory-hub tokens create --name YOUR-NAME --role viewer|technician|admin</code>. The server keeps a session for 12 hours; the token is not stored in the browser.</p>"
        html += "</main></body></html>"
        return DashboardPage.htmlResponse(html, status: message == nil ? .ok : .unauthorized)
    }

    func signIn(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let form = try await DashboardForm.read(request, context)
        let token = (form.value("token") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let cookie = try await services.pool.withSession({ try DashboardSessions().open(token: token, $0) }) else {
            return signInPage(request, context, message: "That token is unknown or revoked.")
        }
        var response = Response(status: .seeOther, headers: [.location: Self.safeNext(form.value("next") ?? "/")])
        response.setCookie(try Cookie.validated(name: DashboardSessions.cookieName, value: cookie, maxAge: Int(DashboardSessions.lifetime), path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func signOut(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let form = try await DashboardForm.read(request, context)
        try form.requireCSRF(context)
        if let cookie = DashboardMiddleware.sessionCookie(request) {
            try await services.pool.withSession { try DashboardSessions().close(cookie: cookie, $0) }
        }
        var response = Response(status: .seeOther, headers: [.location: "/sign-in"])
        response.setCookie(try Cookie.validated(name: DashboardSessions.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// Only a path of this site: never an absolute URL that would send a person elsewhere.
    static func safeNext(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/sign-") else { return "/" }
        return next
    }
}
