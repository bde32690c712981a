import Foundation
import Hummingbird

/// A posted `application/x-www-form-urlencoded` form: every value of each field, decoded.
struct DashboardForm {
    let fields: [String: [String]]

    static func read(_ request: Request, _ context: APIRequestContext) async throws -> DashboardForm {
        let buffer = try await request.body.collect(upTo: 256 * 1024)
        let text = String(buffer: buffer)
        var fields: [String: [String]] = [:]
        for (name, value) in FormEncoded.pairs(text) { fields[name, default: []].append(value) }
        return DashboardForm(fields: fields)
    }

    func value(_ name: String) -> String? { fields[name]?.last }

    /// Refuses a form without the session's CSRF token (a page of another site cannot post
    /// one: the cookie is SameSite=Strict as well).
    func requireCSRF(_ context: APIRequestContext) throws {
        guard let expected = context.csrfToken, let sent = value("csrf"), !expected.isEmpty, sent == expected else {
            throw APIError(.forbidden, code: "csrf", message: "this form has expired; reload the page and try again")
        }
    }
}
