import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
import Logging
import PostgresClient
import Projections

/// `GET /api/change-log?from=&to=&vendor=&metric=`: the change log, newest first.
struct ChangeLogRoutes {
    let services: APIServices

    static let columns = ListPage.Columns(["date", "vendor", "metric", "prev_value", "new_value", "delta", "details"])

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            let parameters = RequestParameters(request)
            let range = try parameters.dateRange()
            let query = ChangeLogQuery(
                from: range.from, to: range.to, vendor: try parameters.vendor(), metric: try parameters.choice("metric", ChangeMetric.self),
                changesOnly: try parameters.bool("changes_only") ?? false)
            return try await services.pagedGET(request, context, query: query, columns: Self.columns, title: "Change log", json: Self.json)
        }
        return routes
    }

    static func json(_ row: ChangeLogRow) -> JSONValue {
        [
            "date": JSONValue(row.date), "vendor": .string(row.vendor.apiName), "metric": .string(row.metric), "prev_value": JSONValue(row.previous),
            "new_value": JSONValue(row.new), "delta": JSONValue(row.delta), "details": JSONValue(jsonText: row.details),
        ]
    }
}
