import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// What a token may do: each role may also do everything of the roles before it.
public enum APIRole: String, Sendable, CaseIterable, Comparable, Codable {
    /// Reads every route.
    case viewer
    /// Also resolves exceptions and manages site aliases.
    case technician
    /// Also starts collections and verification.
    case admin

    public static func < (lhs: APIRole, rhs: APIRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Who sent a request: the token's name (the actor of every ledger event it appends) and role.
public struct APIIdentity: Sendable, Hashable {
    public let name: String
    public let role: APIRole

    public init(name: String, role: APIRole) {
        self.name = name
        self.role = role
    }
}
