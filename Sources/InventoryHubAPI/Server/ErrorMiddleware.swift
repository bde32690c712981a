import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// Renders every failure in the API's one shape, `{"error":{"code":…,"message":…}}`: an
/// `APIError` as it is, Hummingbird's own errors (no route, wrong method, body too large) with
/// their status, a lost database as 503, and anything else as a 500 whose body says nothing of
/// the cause; the log line has the detail (`debugDescription`, never parameter values).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return JSONResponse.make(error.json, status: error.status)
        } catch let error as any HTTPResponseError {
            let status = error.status
            let apiError: APIError
            switch status {
            case .notFound:
                if let allowed = APIRouteTable.shared.methods(for: request.uri.path), !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                    let error = APIError(.methodNotAllowed, code: "method_not_allowed", message: "\(request.method.rawValue) is not allowed on \(request.uri.path); allowed: \(allowed.sorted().joined(separator: ", "))")
                    var response = JSONResponse.make(error.json, status: .methodNotAllowed)
                    response.headers[.allow] = allowed.sorted().joined(separator: ", ")
                    return response
                }
                apiError = APIError(.notFound, code: "not_found", message: "no such route: \(request.method.rawValue) \(request.uri.path)")
            case .methodNotAllowed: apiError = APIError(.methodNotAllowed, code: "method_not_allowed", message: "\(request.method.rawValue) is not allowed on \(request.uri.path)")
            case .contentTooLarge: apiError = APIError(.contentTooLarge, code: "body_too_large", message: "the request body is too large")
            default:
                apiError = APIError(status, code: status.code < 500 ? "bad_request" : "internal", message: status.code < 500 ? "the request was not understood" : APIError.internalError.message)
            }
            return JSONResponse.make(apiError.json, status: apiError.status)
        } catch let error as PostgresError {
            if error.kind == .connection {
                context.logger.error("database unreachable: \(error.debugDescription)")
                return JSONResponse.make(APIError.databaseUnavailable.json, status: .serviceUnavailable)
            }
            context.logger.error("database error on \(request.method.rawValue) \(request.uri.path): \(error.debugDescription)")
            return JSONResponse.make(APIError.internalError.json, status: .internalServerError)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("unexpected error on \(request.method.rawValue) \(request.uri.path): \(String(reflecting: error))")
            return JSONResponse.make(APIError.internalError.json, status: .internalServerError)
        }
    }
}
