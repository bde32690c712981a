import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// One line per request: method, path (without the query string), status and milliseconds.
/// Never headers, so a token cannot reach the log.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        func line(_ status: Int) {
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
            logger.info("\(request.method.rawValue) \(request.uri.path) \(status) \(String(format: "%.1f", milliseconds)) ms")
        }
        do {
            let response = try await next(request, context)
            line(response.status.code)
            return response
        } catch {
            line((error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }
}
