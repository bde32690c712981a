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

@Suite("The dashboard over a projected history", .serialized)
struct DashboardTests {
    /// Signs in with the role's token and returns the session cookie header.
    static func signIn(_ client: any TestClientProtocol, _ testbed: APITestbed, _ role: APIRole) async throws -> HTTPFields {
        var cookie = ""
        try await client.execute(
            uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "token=\(testbed.tokens[role]!)&next=%2Fexceptions")
        ) { response in
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/exceptions")
            let setCookie = response.headers[.setCookie] ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            cookie = String(setCookie.split(separator: ";")[0])
        }
        return [.cookie: cookie]
    }

    static func csrf(_ html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix(while: { $0 != "\"" }))
    }

    @Test("pages need a session, render their charts and tables, and carry a Content-Security-Policy")
    func pages() async throws {
        let testbed = try APITestbed.make("dashboardpages", days: 6)
        try await testbed.withClient { client in
            try await client.execute(uri: "/exceptions", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/sign-in") == true)
            }
            try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "token=ihub_nope")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("unknown or revoked"))
            }
            let viewer = try await Self.signIn(client, testbed, .viewer)
            try await client.execute(uri: "/", method: .get, headers: viewer) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                #expect(response.text.components(separatedBy: "<svg class=\"chart\"").count - 1 == 2, "the line chart and the bar chart")
                #expect(response.text.contains("<polyline class=\"series ninja\""))
            }
            for path in ["/exceptions", "/devices", "/devices?q=ws", "/coverage", "/billing", "/windows-11", "/jobs", "/audit", "/assets/app.css"] {
                try await client.execute(uri: path, method: .get, headers: viewer) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(!response.text.contains("<script>"), "\(path): no inline script")
                }
            }
            try await client.execute(uri: "/devices/ninja/nope", method: .get, headers: viewer) { response in
                #expect(response.status == .notFound)
            }
        }
        await testbed.close()
    }

    @Test("a viewer sees no resolve control and is refused if it posts; a technician resolves from the queue and the ledger records it")
    func resolveFromTheQueue() async throws {
        let testbed = try APITestbed.make("dashboardresolve", days: 6)
        let session = try testbed.database.session()
        let episode = try #require(try ExceptionEpisodeQuery(status: .open, limit: 1).rows(session).first)
        try await testbed.withClient { client in
            let viewer = try await Self.signIn(client, testbed, .viewer)
            var viewerCSRF = ""
            try await client.execute(uri: "/exceptions", method: .get, headers: viewer) { response in
                #expect(!response.text.contains("Resolve selected"))
                #expect(!response.text.contains("name=\"ids\""))
                viewerCSRF = Self.csrf(response.text) ?? ""
            }
            var form = viewer
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/exceptions/resolve", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(viewerCSRF)&ids=\(episode.id)")) { response in
                #expect(response.status == .forbidden)
            }
            let technician = try await Self.signIn(client, testbed, .technician)
            var csrf = ""
            try await client.execute(uri: "/exceptions", method: .get, headers: technician) { response in
                #expect(response.text.contains("Resolve selected"))
                csrf = Self.csrf(response.text) ?? ""
            }
            var post = technician
            post[.contentType] = "application/x-www-form-urlencoded"
            var location = ""
            try await client.execute(uri: "/exceptions/resolve", method: .post, headers: post, body: ByteBuffer(string: "csrf=forged&ids=\(episode.id)")) { response in
                #expect(response.status == .forbidden, "a form without the session's CSRF token is refused")
            }
            try await client.execute(uri: "/exceptions/resolve", method: .post, headers: post, body: ByteBuffer(string: "csrf=\(csrf)&ids=\(episode.id)&note=fixed+in+console")) { response in
                #expect(response.status == .seeOther, "after the POST the browser is sent to a page it can reload")
                location = response.headers[.location] ?? ""
            }
            #expect(location == "/exceptions?resolved=1")
            try await client.execute(uri: location, method: .get, headers: technician) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Resolved 1 exception(s) as test-technician"))
            }
            try await client.execute(uri: "/sign-out", method: .post, headers: post, body: ByteBuffer(string: "csrf=\(csrf)")) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/exceptions", method: .get, headers: technician) { response in
                #expect(response.status == .seeOther, "signed out: the session is gone")
            }
        }
        let events = try session.query("SELECT count(*)::int FROM ledger_event WHERE event_type = 'exception_resolved'")[0].decode(Int.self, 0)
        #expect(events == 1)
        #expect(try ExceptionEpisodeQuery.episode(id: episode.id, session)?.resolvedBy == "test-technician")
        await testbed.close()
    }
}
