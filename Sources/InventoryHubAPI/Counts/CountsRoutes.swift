import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Projections

/// `GET /api/counts/daily` and `GET /api/counts/month-end`: one row per date (or month-end
/// date), vendor and client with devices, billable, spare, servers and workstations.
struct CountsRoutes {
    let services: APIServices

    static let columns = ListPage.Columns(["date", "vendor", "client", "devices", "billable", "spare", "servers", "workstations"])

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("daily") { request, context in try await list(.daily, request, context) }
        routes.get("month-end") { request, context in try await list(.monthEnd, request, context) }
        return routes
    }

    private func list(_ table: CountsQuery.Table, _ request: Request, _ context: APIRequestContext) async throws -> Response {
        let parameters = RequestParameters(request)
        let range = try parameters.dateRange()
        let query = CountsQuery(table: table, from: range.from, to: range.to, vendor: try parameters.vendor(), client: try parameters.text("client"))
        return try await services.pagedGET(
            request, context, query: query, columns: Self.columns, title: table == .daily ? "Daily counts" : "Month-end counts", json: Self.json)
    }

    static func json(_ row: CountsRow) -> JSONValue {
        [
            "date": JSONValue(row.date), "vendor": .string(row.vendor.apiName), "client": .string(row.client), "devices": JSONValue(row.devices),
            "billable": JSONValue(row.billable), "spare": JSONValue(row.spare), "servers": JSONValue(row.servers), "workstations": JSONValue(row.workstations),
        ]
    }
}
