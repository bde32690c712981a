import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// `GET /api/health`: the only route without a token, for load balancers and monitors.
struct HealthRoutes {
    let services: APIServices

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { _, _ in
            do {
                _ = try await services.pool.withSession { try $0.query("SELECT 1") }
                return JSONResponse.make(["status": "ok", "database": "ok"])
            } catch {
                services.logger.warning("health check: the database is unreachable: \(String(reflecting: error))")
                return JSONResponse.make(["status": "degraded", "database": "unreachable"], status: .serviceUnavailable)
            }
        }
        return routes
    }
}
