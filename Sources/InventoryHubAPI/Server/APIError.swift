import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// An error a route answers with: status, a stable machine-readable code and one sentence for a
/// person. Rendered as `{"error":{"code":…,"message":…}}` by `ErrorMiddleware`; anything else a
/// route throws becomes a 500 whose message says nothing about the cause (the log has it).
public struct APIError: Error, Sendable, Equatable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func badParameter(_ name: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "bad_parameter", message: "\(name): \(message)")
    }

    public static func badBody(_ message: String) -> APIError {
        APIError(.badRequest, code: "bad_body", message: message)
    }

    public static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message: message)
    }

    public static func conflict(_ message: String) -> APIError {
        APIError(.conflict, code: "conflict", message: message)
    }

    public static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", message: "send a valid API token as 'Authorization: Bearer TOKEN' (inventory-hub tokens create)")

    public static let internalError = APIError(
        .internalServerError, code: "internal", message: "the server could not answer this request; the server log has the details")

    public static let databaseUnavailable = APIError(
        .serviceUnavailable, code: "database_unavailable", message: "the database is unreachable; try again shortly")

    var json: JSONValue {
        ["error": ["code": .string(code), "message": .string(message)]]
    }
}
