import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// API tokens, stored as SHA-256 digests in `api_token`. A token is 32 random bytes in
/// hexadecimal behind the prefix `ihub_`, so it is recognisable in a secret scanner.
public struct APITokenStore: Sendable {
    public struct Token: Sendable, Hashable {
        public let name: String
        public let role: APIRole
        public let createdAt: Date
        public let revokedAt: Date?
        public let lastUsedAt: Date?
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case nameTaken(String)
        case unknownName(String)
        case badName(String)

        public var description: String {
            switch self {
            case .nameTaken(let name): return "a token named \(name) exists; revoke it first (inventory-hub tokens revoke \(name)) or choose another name"
            case .unknownName(let name): return "no active token is named \(name) (see inventory-hub tokens list)"
            case .badName(let reason): return reason
            }
        }
    }

    public init() {}

    public static func digest(of token: String) -> [UInt8] { Array(SHA256.hash(data: Data(token.utf8))) }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return "ihub_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Creates a token and returns it: the only time it exists outside the caller's hands.
    /// A revoked token's name may be used again.
    public func create(name: String, role: APIRole, _ session: PostgresSession) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@ ".contains($0) }) else {
            throw Failure.badName("a token name is 1 to 100 letters, digits, spaces or - _ . @, not '\(name)'")
        }
        let token = Self.newToken()
        try session.transaction {
            let existing = try session.query("SELECT revoked_at IS NULL FROM api_token WHERE name = \(trimmed) FOR UPDATE").first
            if let existing, try existing.decode(Bool.self, 0) { throw Failure.nameTaken(trimmed) }
            try session.query("""
                INSERT INTO api_token (name, role, token_sha256) VALUES (\(trimmed), \(role.rawValue), \(Self.digest(of: token)))
                ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, token_sha256 = EXCLUDED.token_sha256,
                    created_at = now(), revoked_at = NULL, last_used_at = NULL
                """)
        }
        return token
    }

    public func list(_ session: PostgresSession) throws -> [Token] {
        try session.query("SELECT name::text, role::text, created_at, revoked_at, last_used_at FROM api_token ORDER BY name").map { row in
            Token(
                name: try row.decode(String.self, 0), role: APIRole(rawValue: try row.decode(String.self, 1)) ?? .viewer,
                createdAt: try row.decode(Date.self, 2), revokedAt: try row.decode(Date?.self, 3), lastUsedAt: try row.decode(Date?.self, 4))
        }
    }

    public func revoke(name: String, _ session: PostgresSession) throws {
        let revoked = try session.query("UPDATE api_token SET revoked_at = now() WHERE name = \(name) AND revoked_at IS NULL").affectedRows
        guard revoked == 1 else { throw Failure.unknownName(name) }
    }

    /// The identity of an active token, nil for an unknown or revoked one. Records the use at
    /// most once a minute, so reads do not write on every request.
    public func identity(token: String, _ session: PostgresSession) throws -> APIIdentity? {
        guard token.hasPrefix("ihub_"), token.count == 69 else { return nil }
        guard let row = try session.query("""
            SELECT name::text, role::text, last_used_at IS NULL OR last_used_at < now() - interval '1 minute'
            FROM api_token WHERE token_sha256 = \(Self.digest(of: token)) AND revoked_at IS NULL
            """).first, let role = APIRole(rawValue: try row.decode(String.self, 1))
        else { return nil }
        let name = try row.decode(String.self, 0)
        if try row.decode(Bool.self, 2) {
            try session.query("UPDATE api_token SET last_used_at = now() WHERE name = \(name)")
        }
        return APIIdentity(name: name, role: role)
    }
}
