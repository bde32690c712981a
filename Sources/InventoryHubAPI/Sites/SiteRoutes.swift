import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
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
                if let file = try Self.columns.file(items, format: format, title: "Sites", session: session) { return file }
                return JSONResponse.make(["items": .array(items), "total": JSONValue(items.count)])
            }
        }
        routes.get("suggestions") { request, context in
            try await services.cachedGET(request, context) { session in
                let suggestions = try SiteSuggestionQuery().suggestions(session)
                return JSONResponse.make(["items": .array(suggestions.map(Self.json)), "total": JSONValue(suggestions.count)])
            }
        }
        routes.post("aliases") { request, context in
            let identity = try context.require(.technician)
            let body = try await ExceptionRoutes.body(request, context)
            guard let vendorName = body["vendor"]?.stringValue, let vendor = Vendor(apiName: vendorName) else {
                throw APIError.badBody("vendor must be ninja or threatlocker")
            }
            guard let key = body["site_key"]?.stringValue, !key.isEmpty, key.count <= 255 else { throw APIError.badBody("site_key must be the vendor's site key") }
            guard let name = body["canonical_name"]?.stringValue else { throw APIError.badBody("canonical_name must be text") }
            let note = try ExceptionRoutes.note(body)
            try await record(SiteAliasEvent(vendor: vendor, siteKey: key, canonicalName: name, actor: identity.name, note: note))
            return try await services.pool.withSession { session in
                guard let site = try SiteQuery(vendor: vendor).rows(session).first(where: { $0.siteKey == key }) else {
                    throw APIError.notFound("no \(vendor.apiName) site has the key \(key)")
                }
                return JSONResponse.make(Self.json(site))
            }
        }
        routes.delete("aliases/:vendor/:key") { request, context in
            let identity = try context.require(.technician)
            let vendorName = try context.parameters.segment("vendor")
            guard let vendor = Vendor(apiName: vendorName) else { throw APIError.badParameter("vendor", "must be ninja or threatlocker, not '\(vendorName)'") }
            let key = try context.parameters.segment("key")
            try await record(SiteAliasEvent(vendor: vendor, siteKey: key, canonicalName: nil, actor: identity.name, note: nil))
            return Response(status: .noContent)
        }
        return routes
    }

    private func record(_ change: SiteAliasEvent) async throws {
        do {
            try await services.pool.withSession { try SiteAliasWriter(session: $0).record([change]) }
        } catch let failure as SiteAliasWriter.Failure {
            switch failure {
            case .unknownSite, .noAlias: throw APIError.notFound(failure.description)
            case .badName: throw APIError.badBody(failure.description)
            }
        }
    }

    static func json(_ suggestion: SiteAliasSuggester.Suggestion) -> JSONValue {
        func site(_ site: SiteAliasSuggester.Site) -> JSONValue {
            ["site_key": .string(site.siteKey), "name": .string(site.name), "canonical_name": .string(site.canonicalName), "devices": JSONValue(site.devices)]
        }
        return [
            "ninja": site(suggestion.ninja), "threatlocker": site(suggestion.threatLocker), "reason": .string(suggestion.reason.rawValue),
            "matched_devices": JSONValue(suggestion.matchedDevices), "confident": .bool(suggestion.confident),
            "canonical_name": .string(suggestion.canonicalName),
        ]
    }

    static func json(_ site: SiteRow) -> JSONValue {
        [
            "id": JSONValue(site.id), "vendor": .string(site.vendor.apiName), "site_key": .string(site.siteKey), "name": .string(site.name),
            "devices": JSONValue(site.devices), "canonical_name": .string(site.canonicalName), "aliased": .bool(site.aliased),
        ]
    }
}
