import Crypto
import Foundation
import PostgresClient

/// Signed-in dashboard sessions, stored as SHA-256 digests of their cookies with the API token
/// they were opened with; a revoked token ends its sessions (the role is read from the token on
/// every request), and a session expires after `lifetime`.
public struct DashboardSessions: Sendable {
    public struct Session: Sendable, Hashable {
        public let identity: APIIdentity
        public let csrfToken: String
    }

    public static let cookieName = "ihub_session"
    public static let lifetime: TimeInterval = 12 * 3600

    public init() {}

    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Opens a session for a valid token; returns the cookie value, nil for an unknown token.
    public func open(token: String, _ session: PostgresSession) throws -> String? {
        guard let identity = try APITokenStore().identity(token: token, session) else { return nil }
        let cookie = Self.random()
        try session.query("DELETE FROM dashboard_session WHERE expires_at < now()")
        try session.query("""
            INSERT INTO dashboard_session (session_sha256, token_name, csrf_token, expires_at)
            VALUES (\(APITokenStore.digest(of: cookie)), \(identity.name), \(Self.random()), now() + \(Int(Self.lifetime)) * interval '1 second')
            """)
        return cookie
    }

    /// The session of a cookie, nil when unknown, expired or its token revoked.
    public func session(cookie: String, _ session: PostgresSession) throws -> Session? {
        guard cookie.count == 64, cookie.allSatisfy(\.isHexDigit) else { return nil }
        guard let row = try session.query("""
            SELECT t.name::text, t.role::text, s.csrf_token::text FROM dashboard_session s JOIN api_token t ON t.name = s.token_name
            WHERE s.session_sha256 = \(APITokenStore.digest(of: cookie)) AND s.expires_at > now() AND t.revoked_at IS NULL
            """).first, let role = APIRole(rawValue: try row.decode(String.self, 1))
        else { return nil }
        return Session(identity: APIIdentity(name: try row.decode(String.self, 0), role: role), csrfToken: try row.decode(String.self, 2))
    }

    public func close(cookie: String, _ session: PostgresSession) throws {
        try session.query("DELETE FROM dashboard_session WHERE session_sha256 = \(APITokenStore.digest(of: cookie))")
    }
}
