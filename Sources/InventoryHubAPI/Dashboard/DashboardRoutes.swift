import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
import PostgresClient
import Projections

/// The dashboard: pages rendered on the server from the same query types as the API, behind a
/// session opened by pasting an API token; the same roles (a viewer sees no resolve button and
/// is refused if it posts anyway).
struct DashboardRoutes {
    let services: APIServices

    func add(to router: Router<APIRequestContext>) {
        DashboardAssets.routes(router)
        router.get("/sign-in") { request, context in signInPage(request, context, message: nil) }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.post("/sign-out") { request, context in try await signOut(request, context) }
        router.get("/") { request, context in try await page(request, context) { try overview($0, context) } }
        router.get("/exceptions") { request, context in try await page(request, context) { try exceptions(request, $0, context, notice: nil) } }
        router.post("/exceptions/resolve") { request, context in try await resolve(request, context) }
        router.get("/devices") { request, context in try await page(request, context) { try devices(request, $0, context) } }
        router.get("/devices/:vendor/:key") { request, context in try await page(request, context) { try device(request, $0, context) } }
        router.get("/coverage") { request, context in try await page(request, context) { try coverage(request, $0, context) } }
        router.get("/billing") { request, context in try await page(request, context) { try billing(request, $0, context) } }
        router.get("/windows-11") { request, context in try await page(request, context) { try windows11(request, $0, context) } }
        router.get("/jobs") { request, context in try await page(request, context) { try jobs($0, context, notice: nil) } }
        router.post("/jobs/collect") { request, context in try await collect(request, context) }
        router.get("/audit") { request, context in try await page(request, context) { try audit(request, $0, context) } }
        router.post("/audit/packs") { request, context in try await buildAuditPack(request, context) }
    }

    /// A page from one read-only snapshot; a bad parameter is shown as a page, not a stack trace.
    func page(_ request: Request, _ context: APIRequestContext, _ body: @escaping @Sendable (PostgresSession) throws -> Response) async throws -> Response {
        do {
            return try await services.pool.withSession { session in try session.readOnlySnapshot { try body(session) } }
        } catch let error as APIError {
            return DashboardPage.error(status: error.status, error.message)
        }
    }
}
