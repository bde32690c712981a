import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InventoryHubAPI
import InventoryJSON
import Ledger
import NIOCore
import PostgresClient
import Projections
import TestSupport
import Testing

@Suite("Who may do what", .serialized)
struct APIRoleMatrixTests {
    /// The writing routes and the least role each needs; every GET needs a viewer.
    static let writes: [(method: HTTPRequest.Method, path: String, body: String, role: APIRole)] = [
        (.post, "/api/exceptions/1/resolve", "{}", .technician),
        (.post, "/api/exceptions/resolve", #"{"ids":[1]}"#, .technician),
        (.post, "/api/sites/aliases", #"{"vendor":"ninja","site_key":"none","canonical_name":"X"}"#, .technician),
        (.delete, "/api/sites/aliases/ninja/none", "", .technician),
        (.post, "/api/collections", #"{"vendor":"ninja"}"#, .admin),
        (.post, "/api/ledger/verify", "", .admin),
    ]

    @Test("a lesser role is refused with 403 before anything happens; the role that may passes the role check")
    func matrix() async throws {
        let testbed = try APITestbed.make("apiroles", days: 2)
        let session = try testbed.database.session()
        let head = try session.query("SELECT last_seq FROM ledger_seq_counter")[0].decode(Int.self, 0)
        try await testbed.withClient { client in
            for write in Self.writes {
                for role in APIRole.allCases {
                    try await client.execute(uri: write.path, method: write.method, headers: testbed.headers(role), body: ByteBuffer(string: write.body)) { response in
                        if role < write.role {
                            #expect(response.status == .forbidden, "\(role) \(write.method) \(write.path)")
                        } else {
                            #expect(response.status != .forbidden && response.status != .unauthorized, "\(role) \(write.method) \(write.path)")
                        }
                    }
                }
            }
            for path in ["/api/status", "/api/exceptions", "/api/sites", "/api/jobs", "/api/ledger"] {
                for role in APIRole.allCases {
                    try await client.execute(uri: path, method: .get, headers: testbed.headers(role)) { response in
                        #expect(response.status == .ok, "\(role) GET \(path)")
                    }
                }
            }
        }
        await testbed.services.jobs.cancelAll()
        // Only the admin's verification may have written (job rows, not ledger events).
        #expect(try session.query("SELECT last_seq FROM ledger_seq_counter")[0].decode(Int.self, 0) == head)
        await testbed.close()
    }
}
