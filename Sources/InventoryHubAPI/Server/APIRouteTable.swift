import Foundation
import InventoryJSON

/// The routes of the OpenAPI document (templates and methods), so a known path asked with a
/// method it does not have answers 405 with `Allow` instead of the router's 404. The document
/// is the routes' one description, and the tests check that it and the router agree.
struct APIRouteTable: Sendable {
    let routes: [(segments: [String], methods: Set<String>)]

    static let shared: APIRouteTable = {
        guard let text = OpenAPIRoutes.document, let document = try? JSONParser.parse(text), let paths = document["paths"]?.objectValue else {
            return APIRouteTable(routes: [])
        }
        return APIRouteTable(routes: paths.map { template, operations in
            var methods = Set((operations.objectValue ?? [:]).keys.map { $0.uppercased() }.filter { ["GET", "POST", "PUT", "PATCH", "DELETE"].contains($0) })
            if methods.contains("GET") { methods.insert("HEAD") }
            return (template.split(separator: "/").map(String.init), methods)
        })
    }()

    /// The methods of the route whose template matches `path`, nil when none does.
    func methods(for path: String) -> Set<String>? {
        let segments = path.split(separator: "/").map(String.init)
        // The most literal template wins, as in the router: /api/exceptions/resolve is not
        // /api/exceptions/{id}.
        var found: Set<String>?
        var best = -1
        for route in routes where route.segments.count == segments.count {
            let matches = zip(route.segments, segments).allSatisfy { template, segment in template.hasPrefix("{") || template == segment }
            guard matches else { continue }
            let literal = route.segments.filter { !$0.hasPrefix("{") }.count
            if literal > best {
                best = literal
                found = route.methods
            } else if literal == best {
                found = (found ?? []).union(route.methods)
            }
        }
        return found
    }
}
