import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// `GET /api/openapi.json`: the OpenAPI 3.1 document describing every route, shipped as a
/// resource and checked against the routes by the tests.
struct OpenAPIRoutes {
    let services: APIServices

    static let document: String? = Bundle.module.url(forResource: "openapi", withExtension: "json").flatMap { try? String(contentsOf: $0, encoding: .utf8) }

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { _, context in
            _ = try context.require(.viewer)
            guard let document = Self.document else { throw APIError.internalError }
            return JSONResponse.text(document, contentType: "application/json; charset=utf-8")
        }
        return routes
    }
}
