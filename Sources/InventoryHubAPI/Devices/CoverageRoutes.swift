import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Projections

/// `GET /api/coverage?date=`: per client, devices in each vendor, matched, missing in each.
struct CoverageRoutes {
    let services: APIServices

    static let columns = ListPage.Columns(["client", "ninja", "threatlocker", "matched_ninja", "matched_threatlocker", "ninja_only", "threatlocker_only"])

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            let parameters = RequestParameters(request)
            let requested = try parameters.date("date")
            let format = try parameters.format()
            return try await services.cachedGET(request, context) { session in
                guard let date = try requested ?? CoverageQuery.newestDate(session) else { throw APIError.notFound("no day holds devices of both vendors yet") }
                let rows = try CoverageQuery(date: date).rows(session)
                let items = rows.map(Self.json)
                if let file = try Self.columns.file(items, format: format, title: "Coverage \(date)", session: session) { return file }
                return JSONResponse.make(["date": JSONValue(date), "items": .array(items), "total": JSONValue(items.count)])
            }
        }
        return routes
    }

    static func json(_ row: CoverageRow) -> JSONValue {
        [
            "client": .string(row.client), "ninja": JSONValue(row.ninja), "threatlocker": JSONValue(row.threatLocker),
            "matched_ninja": JSONValue(row.matchedNinja), "matched_threatlocker": JSONValue(row.matchedThreatLocker),
            "ninja_only": JSONValue(row.ninjaOnly), "threatlocker_only": JSONValue(row.threatLockerOnly),
        ]
    }
}
