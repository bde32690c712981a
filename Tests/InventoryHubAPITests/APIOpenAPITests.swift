import Foundation
import InventoryRules
import Hummingbird
import NIOCore
import TestSupport
import Ledger
import Projections
import PostgresClient
import HTTPTypes
import HummingbirdTesting
import InventoryHubAPI
import InventoryJSON
import Testing

@Suite("The OpenAPI document and the routes agree", .serialized)
struct APIOpenAPITests {
    /// Every path of the document with sample values for its path parameters.
    static func concretePaths(_ document: JSONValue) -> [(method: HTTPRequest.Method, path: String)] {
        guard let paths = document["paths"]?.objectValue else { return [] }
        let samples = ["date": "2025-01-05", "id": "1", "vendor": "ninja", "key": "WS-01", "month": "2025-01", "file": "summary.pdf"]
        var result: [(HTTPRequest.Method, String)] = []
        for (template, operations) in paths.sorted(by: { $0.key < $1.key }) {
            var path = template
            for (name, value) in samples { path = path.replacingOccurrences(of: "{\(name)}", with: value) }
            for method in (operations.objectValue ?? [:]).keys.sorted() {
                guard let parsed = HTTPRequest.Method(method.uppercased()), ["GET", "POST", "DELETE", "PUT", "PATCH"].contains(method.uppercased()) else { continue }
                result.append((parsed, path))
            }
        }
        return result
    }

    @Test("over real loopback HTTP, every route of the document but /api/health answers 401 without a token")
    func everyRouteNeedsAToken() async throws {
        let testbed = try APITestbed.make("apiopenapi", days: 3)
        try await testbed.application().test(.live) { client in
            var document: JSONValue?
            try await client.execute(uri: "/api/openapi.json", method: .get, headers: testbed.headers(.viewer)) { response in
                #expect(response.status == .ok)
                document = response.json
            }
            let routes = Self.concretePaths(try #require(document))
            #expect(routes.count >= 20, "the document describes the API (\(routes.count) operations)")
            for (method, path) in routes {
                try await client.execute(uri: path, method: method) { response in
                    if path == "/api/health" {
                        #expect(response.status == .ok)
                    } else {
                        #expect(response.status == .unauthorized, "\(method) \(path)")
                        #expect(response.json?["error"]?["code"] == "unauthorized", "\(method) \(path)")
                    }
                }
            }
        }
        await testbed.close()
    }
}
