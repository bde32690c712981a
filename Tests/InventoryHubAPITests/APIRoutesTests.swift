import Foundation
import InventoryRules
import Hummingbird
import NIOCore
import TestSupport
import HTTPTypes
import HummingbirdTesting
import InventoryHubAPI
import InventoryJSON
import Ledger
import PostgresClient
import Projections
import Testing

@Suite("API routes over a projected history", .serialized)
struct APIRoutesTests {
    @Test("status, variance report, lists, CSV and ETags answer from the read models")
    func reads() async throws {
        let testbed = try APITestbed.make("apireads")
        let session = try testbed.database.session()
        let newest = testbed.fleet.date(ofDay: 11)
        let open = try ExceptionEpisodeQuery(status: .open).count(session)
        let ninjaDevices = try session.query("SELECT count(*)::int FROM device_snapshot WHERE vendor_id = 3 AND snapshot_date = \(newest)")[0].decode(Int.self, 0)
        try await testbed.withClient { client in
            let viewer = testbed.headers(.viewer)
            try await client.execute(uri: "/api/status", method: .get, headers: viewer) { response in
                #expect(response.status == .ok)
                #expect(response.json?["vendors"]?["ninja"]?["newest_snapshot_date"] == .string(newest.description))
                #expect(response.json?["projections"]?["exceptions"]?["lag"] == 0)
            }
            var etag = ""
            try await client.execute(uri: "/api/variance-report/latest", method: .get, headers: viewer) { response in
                #expect(response.status == .ok)
                let json = response.json
                #expect(json?["date"] == .string(newest.description))
                #expect(json?["counts"]?["ninja"]?.intValue == ninjaDevices)
                #expect(json?["summary"]?.objectValue?.count == 6, "every type is listed")
                etag = response.headers[.eTag] ?? ""
            }
            #expect(!etag.isEmpty)
            var conditional = viewer
            conditional[.ifNoneMatch] = etag
            try await client.execute(uri: "/api/variance-report/latest", method: .get, headers: conditional) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/api/exceptions?status=open&limit=5", method: .get, headers: viewer) { response in
                #expect(response.status == .ok)
                #expect(response.json?["total"]?.intValue == open)
                #expect(response.json?["items"]?.arrayValue?.count == min(5, open))
                #expect(response.json?["limit"] == 5)
            }
            try await client.execute(uri: "/api/exceptions?status=open&format=csv", method: .get, headers: viewer) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                let lines = response.text.split(separator: "\r\n")
                #expect(lines.first?.hasPrefix("id,type,hostname") == true)
                #expect(lines.count == min(open, 100) + 1)
            }
            try await client.execute(uri: "/api/counts/daily?from=\(newest)&to=\(newest)&vendor=ninja", method: .get, headers: viewer) { response in
                #expect(response.status == .ok)
                let devices = response.json?["items"]?.arrayValue?.compactMap { $0["devices"]?.intValue }.reduce(0, +)
                #expect(devices == ninjaDevices)
            }
            for path in ["/api/change-log", "/api/coverage", "/api/windows-11", "/api/sites", "/api/jobs", "/api/ledger", "/api/devices?q=a", "/api/counts/month-end", "/api/openapi.json"] {
                try await client.execute(uri: path, method: .get, headers: viewer) { response in
                    #expect(response.status == .ok, "\(path): \(response.text.prefix(300))")
                    #expect(response.json != nil, "\(path) answers JSON")
                }
            }
        }
        await testbed.close()
    }

    @Test("bad parameters are 400 with the error shape; SQL-looking text is an ordinary value")
    func badParameters() async throws {
        let testbed = try APITestbed.make("apibadparams", days: 4)
        let session = try testbed.database.session()
        let before = try session.query("SELECT count(*)::int FROM exceptions")[0].decode(Int.self, 0)
        try await testbed.withClient { client in
            let viewer = testbed.headers(.viewer)
            let bad = [
                "/api/exceptions?date=2025-02-30", "/api/exceptions?type=NOPE", "/api/exceptions?status=maybe", "/api/exceptions?limit=0",
                "/api/exceptions?limit=1001", "/api/exceptions?offset=-1", "/api/counts/daily?vendor=acme", "/api/counts/daily?from=2025-03-02&to=2025-03-01",
                "/api/change-log?metric=nope", "/api/variance-report/2025-13-01", "/api/devices?coverage=some", "/api/devices/acme/x",
                "/api/exceptions/abc", "/api/exceptions?format=xml", "/api/variance-report/latest?include_resolved=perhaps",
            ]
            for path in bad {
                try await client.execute(uri: path, method: .get, headers: viewer) { response in
                    #expect(response.status == .badRequest, "\(path)")
                    #expect(response.json?["error"]?["code"]?.stringValue != nil, "\(path)")
                    #expect(response.json?["error"]?["message"]?.stringValue != nil, "\(path)")
                }
            }
            for path in ["/api/exceptions/999999999", "/api/variance-report/2000-01-01", "/api/devices/ninja/no-such-device", "/api/jobs/none"] {
                try await client.execute(uri: path, method: .get, headers: viewer) { response in
                    #expect(response.status == .notFound, "\(path)")
                }
            }
            let injection = "x'); DROP TABLE exceptions; --"
            let encoded = injection.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for parameter in ["client", "hostname"] {
                try await client.execute(uri: "/api/exceptions?\(parameter)=\(encoded)", method: .get, headers: viewer) { response in
                    #expect(response.status == .ok)
                    #expect(response.json?["total"] == 0)
                }
            }
            try await client.execute(uri: "/api/devices?q=\(encoded)", method: .get, headers: viewer) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try session.query("SELECT count(*)::int FROM exceptions")[0].decode(Int.self, 0) == before)
        await testbed.close()
    }

    @Test("resolve appends an exception_resolved event with the token's name, and the episode stays resolved after a rebuild")
    func resolve() async throws {
        let testbed = try APITestbed.make("apiresolve", days: 6)
        let session = try testbed.database.session()
        let open = try ExceptionEpisodeQuery(status: .open, limit: 3).rows(session)
        try #require(open.count == 3, "the fleet has open exceptions")
        try await testbed.withClient { client in
            let technician = testbed.headers(.technician)
            try await client.execute(
                uri: "/api/exceptions/\(open[0].id)/resolve", method: .post, headers: technician,
                body: .init(string: #"{"note":"reinstalled the agent","resolved_by":"mallory"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json?["resolution"] == "resolved")
                #expect(response.json?["resolved_by"] == "test-technician", "the actor is the token's name, not a body field")
                #expect(response.json?["resolutions"]?[0]?["note"] == "reinstalled the agent")
            }
            try await client.execute(uri: "/api/exceptions/\(open[0].id)/resolve", method: .post, headers: technician, body: .init(string: "{}")) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(
                uri: "/api/exceptions/resolve", method: .post, headers: technician,
                body: .init(string: #"{"ids":[\#(open[1].id),\#(open[2].id)],"note":"batch"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json?["total"] == 2)
            }
            try await client.execute(uri: "/api/exceptions/resolve", method: .post, headers: technician, body: .init(string: #"{"ids":"all"}"#)) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/exceptions/resolve", method: .post, headers: technician, body: .init(string: "not json")) { response in
                #expect(response.status == .badRequest)
            }
        }
        let events = try session.query("""
            SELECT count(*)::int, count(DISTINCT run_id)::int FROM ledger_event WHERE event_type = 'exception_resolved'
            """)[0]
        #expect(try events.decode(Int.self, 0) == 3)
        #expect(try events.decode(Int.self, 1) == 2, "the batch was one append")
        _ = try ProjectionEngine(session: session).rebuild()
        let after = try ExceptionEpisodeQuery.episodes(ids: open.map(\.id), session)
        #expect(after.map(\.resolution) == ["resolved", "resolved", "resolved"])
        #expect(after.first { $0.id == open[0].id }?.resolvedBy == "test-technician")
        await testbed.close()
    }
}
