import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Projections

/// `GET /api/sites?vendor=`: every vendor site with its device count on the newest day, its
/// canonical client name and whether an alias set it.
struct SiteRoutes {
    let services: APIServices

    static let columns = ListPage.Columns(["id", "vendor", "site_key", "name", "devices", "canonical_name", "aliased"])

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            let parameters = RequestParameters(request)
            let vendor = try parameters.vendor()
            let format = try parameters.format()
            return try await services.cachedGET(request, context) { session in
                let items = try SiteQuery(vendor: vendor).rows(session).map(Self.json)
                if format == .csv { return JSONResponse.text(Self.columns.csv(items), contentType: "text/csv; charset=utf-8") }
                return JSONResponse.make(["items": .array(items), "total": JSONValue(items.count)])
            }
        }
        return routes
    }

    static func json(_ site: SiteRow) -> JSONValue {
        [
            "id": JSONValue(site.id), "vendor": .string(site.vendor.apiName), "site_key": .string(site.siteKey), "name": .string(site.name),
            "devices": JSONValue(site.devices), "canonical_name": .string(site.canonicalName), "aliased": .bool(site.aliased),
        ]
    }
}
