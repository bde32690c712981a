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

@Suite("API tokens, roles and the error shape", .serialized)
struct APIAuthTests {
    @Test("health needs no token; every other route answers 401 without one, or with an unknown or revoked token")
    func unauthorized() async throws {
        let testbed = try APITestbed.make("apiauth", days: 3)
        try await testbed.withClient { client in
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json == ["status": "ok", "database": "ok"])
            }
            for path in ["/api/status", "/api/exceptions", "/api/variance-report/latest", "/api/openapi.json", "/api/nope"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(path)")
                    #expect(response.json?["error"]?["code"] == "unauthorized")
                }
                try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer ihub_" + String(repeating: "0", count: 64)]) { response in
                    #expect(response.status == .unauthorized, "\(path)")
                }
            }
        }
        let session = try testbed.database.session()
        try APITokenStore().revoke(name: "test-viewer", session)
        try await testbed.withClient { client in
            try await client.execute(uri: "/api/status", method: .get, headers: testbed.headers(.viewer)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/status", method: .get, headers: testbed.headers(.admin)) { response in
                #expect(response.status == .ok)
            }
        }
        await testbed.close()
    }

    @Test("a viewer may not resolve: 403 with the error shape, and nothing is appended")
    func forbidden() async throws {
        let testbed = try APITestbed.make("apiforbidden", days: 3)
        let session = try testbed.database.session()
        let head = try session.query("SELECT last_seq FROM ledger_seq_counter")[0].decode(Int.self, 0)
        try await testbed.withClient { client in
            try await client.execute(
                uri: "/api/exceptions/1/resolve", method: .post, headers: testbed.headers(.viewer), body: .init(string: #"{"note":"x"}"#)
            ) { response in
                #expect(response.status == .forbidden)
                #expect(response.json?["error"]?["code"] == "forbidden")
            }
        }
        #expect(try session.query("SELECT last_seq FROM ledger_seq_counter")[0].decode(Int.self, 0) == head)
        await testbed.close()
    }
}
