import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// Every API route collection mounted under `/api`, behind the error, access-log and
/// authentication middleware. The dashboard mounts beside it on the same router.
public enum APIRouter {
    public static func make(services: APIServices, accessLogger: Logger) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: AccessLogMiddleware(logger: accessLogger))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: AuthMiddleware(services: services))
        router.add(middleware: DashboardMiddleware(services: services))
        router.addRoutes(HealthRoutes(services: services).collection(), atPath: "/api/health")
        router.addRoutes(StatusRoutes(services: services).collection(), atPath: "/api/status")
        router.addRoutes(VarianceRoutes(services: services).collection(), atPath: "/api/variance-report")
        router.addRoutes(ExceptionRoutes(services: services).collection(), atPath: "/api/exceptions")
        router.addRoutes(OpenAPIRoutes(services: services).collection(), atPath: "/api/openapi.json")
        for feature in features(services) { router.addRoutes(feature.collection, atPath: feature.path) }
        DashboardRoutes(services: services).add(to: router)
        return router
    }

    /// The feature collections added beside the core ones.
    static func features(_ services: APIServices) -> [(path: RouterPath, collection: RouteCollection<APIRequestContext>)] {
        [
            ("/api/counts", CountsRoutes(services: services).collection()),
            ("/api/change-log", ChangeLogRoutes(services: services).collection()),
            ("/api/coverage", CoverageRoutes(services: services).collection()),
            ("/api/windows-11", Windows11Routes(services: services).collection()),
            ("/api/sites", SiteRoutes(services: services).collection()),
            ("/api/jobs", JobRoutes(services: services).collection()),
            ("/api/ledger", LedgerRoutes(services: services).collection()),
            ("/api/audit-packs", AuditPackRoutes(services: services).collection()),
            ("/api/devices", DeviceRoutes(services: services).collection()),
            ("/api/collections", CollectionRoutes(services: services).collection()),
        ]
    }
}
