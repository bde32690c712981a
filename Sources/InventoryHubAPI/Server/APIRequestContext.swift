import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// The request context of every route: Hummingbird's core storage plus the authenticated
/// identity, which `AuthMiddleware` sets before any route runs.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: APIIdentity?
    /// The dashboard session's CSRF token, for the forms of a signed-in page.
    public var csrfToken: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        csrfToken = nil
    }

    /// The identity, if it holds at least `role`; 401 without a token, 403 for a lesser role.
    public func require(_ role: APIRole) throws -> APIIdentity {
        guard let identity else { throw APIError.unauthorized }
        guard identity.role >= role else {
            throw APIError(.forbidden, code: "forbidden", message: "this needs the \(role.rawValue) role; the token \(identity.name) is \(identity.role.rawValue)")
        }
        return identity
    }
}
