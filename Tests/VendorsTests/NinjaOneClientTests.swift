import Foundation
import InventoryJSON
import Synchronization
import Testing
import VendorSimulators
import Vendors

@Suite("NinjaOne client against the simulator")
struct NinjaOneClientTests {
    @Test("a 1,234-device fleet is fetched completely in pages of 100 with one token, and its capture file reads back equal")
    func fullFleet() async throws {
        try await VendorTestbed.withNinjaOne(fleet: VendorTestbed.acceptanceFleet) { simulator, client, _ in
            let reports = Mutex<[CollectionProgress]>([])
            let capture = try await client.fetchCapture { report in reports.withLock { $0.append(report) } }
            let served = await simulator.control.fleet()

            #expect(capture.devices.count == 1_234)
            #expect(capture.devices == served.ninjaDevices)
            #expect(capture.organizations == served.organizations)
            #expect(capture.locations == served.locations)
            #expect(capture.customFields == served.customFields)

            let requests = await simulator.control.requests()
            let devicePages = requests.filter { $0.endpoint == .devices }
            #expect(devicePages.count == 13)
            #expect(devicePages.allSatisfy { $0.pageSize == 100 && $0.status == 200 })
            #expect(devicePages.map(\.page) == (1...13).map { Optional($0) })
            #expect(requests.count { $0.endpoint == .token } == 1)
            #expect(requests.count { $0.endpoint == .customFields } == 1_234)

            let progress = reports.withLock { $0 }
            #expect(progress.last { $0.stage == .devices }?.itemsFetched == 1_234)
            #expect(progress.last { $0.stage == .customFields }?.pagesFetched == 1_234)

            let path = FileManager.default.temporaryDirectory.appendingPathComponent("ninja-capture-\(UUID().uuidString).json").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try capture.write(to: path)
            #expect(try NinjaOneCapture.read(from: path) == capture)
            #expect(try NinjaOneCapture(bytes: capture.encoded()) == capture)
        }
    }

    @Test("a fleet that fills its last page ends at the empty page after it")
    func exactMultipleOfPageSize() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            await simulator.control.setServesWholePagesOnly(true)
            let devices = try await client.fetchDevices()
            #expect(devices.count == 200)
            let pages = await simulator.control.requests().filter { $0.endpoint == .devices }
            #expect(pages.count == 3)
            #expect(pages.last?.status == 200)
        }
    }

    @Test("a 5xx that persists mid-paging fails with an error naming the endpoint and status")
    func persistentServerError() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            await simulator.control.inject(.serverError(503, on: .devices, page: 2, times: nil))
            let error = await #expect(throws: VendorError.self) { try await client.fetchDevices() }
            #expect(error?.reason == .httpStatus)
            #expect(error?.status == 503)
            #expect(error?.endpoint == "GET /v2/devices-detailed")
            #expect(error?.attempts == 4)
            #expect(error?.description.contains("GET /v2/devices-detailed") == true)
            #expect(error?.description.contains("HTTP 503") == true)
        }
    }

    @Test("a transient 5xx mid-paging is retried and the fetch completes")
    func transientServerError() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            await simulator.control.inject(.serverError(502, on: .devices, page: 2, times: 2))
            let devices = try await client.fetchDevices()
            #expect(devices == (await simulator.control.fleet()).ninjaDevices)
            let statuses = await simulator.control.requests().filter { $0.endpoint == .devices }.map(\.status)
            #expect(statuses == [200, 502, 502, 200, 200])
        }
    }

    @Test("a 429 with Retry-After is waited out and the fetch completes")
    func rateLimited() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            await simulator.control.inject(.rateLimited(retryAfterSeconds: 1, on: .organizations))
            let started = ContinuousClock.now
            let organizations = try await client.fetchOrganizations()
            #expect(ContinuousClock.now - started >= .milliseconds(950))
            #expect(organizations == (await simulator.control.fleet()).organizations)
            #expect(await simulator.control.requests().filter { $0.endpoint == .organizations }.map(\.status) == [429, 200])
        }
    }

    @Test("a single 401 is cured by one token refresh")
    func singleUnauthorized() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            _ = try await client.fetchOrganizations()
            await simulator.control.inject(.expiredToken(times: 1))
            let devices = try await client.fetchDevices()
            #expect(devices.count == 250)
            let requests = await simulator.control.requests()
            #expect(requests.count { $0.endpoint == .token } == 2)
            #expect(requests.count { $0.status == 401 } == 1)
        }
    }

    @Test("a 401 that persists after the refresh fails as refused credentials")
    func persistentUnauthorized() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            await simulator.control.inject(.expiredToken(times: nil))
            let error = await #expect(throws: VendorError.self) { try await client.fetchLocations() }
            #expect(error?.reason == .authenticationRejected)
            #expect(error?.status == 401)
            #expect(error?.endpoint == "GET /v2/locations")
            #expect(await simulator.control.requests().count { $0.endpoint == .token } == 2)
        }
    }

    @Test("wrong client credentials are refused at the token endpoint")
    func wrongCredentials() async throws {
        try await VendorTestbed.withNinjaOne(clientSecret: "not-the-secret-9d2e") { _, client, _ in
            let error = await #expect(throws: VendorError.self) { try await client.fetchDevices() }
            #expect(error?.reason == .authenticationRejected)
            #expect(error?.endpoint == "POST /ws/oauth/token")
            #expect(error?.status == 401)
        }
    }

    @Test("malformed JSON fails with the position of the problem")
    func malformedJSON() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            await simulator.control.inject(.malformedJSON(on: .devices, page: 2))
            let error = await #expect(throws: VendorError.self) { try await client.fetchDevices() }
            guard case .malformedJSON(let parseError)? = error?.reason else {
                Issue.record("expected malformed JSON, got \(String(describing: error))")
                return
            }
            #expect(parseError.line == 1)
            #expect(parseError.column > 1)
            #expect(error?.status == 200)
            #expect(error?.description.contains("line 1, column \(parseError.column)") == true)
        }
    }

    @Test("a token is reused until shortly before it expires, then renewed")
    func tokenRenewal() async throws {
        // Only the client's clock moves: the simulator's hour-long token stays valid in real
        // time, so every request succeeds and the token count shows the client's own decision.
        let clock = ManualClock()
        try await VendorTestbed.withNinjaOne(tokenLifetime: .seconds(3600), now: clock.reading) { simulator, client, _ in
            func tokenRequests() async -> Int { await simulator.control.requestCount(for: .token) }
            _ = try await client.fetchOrganizations()
            _ = try await client.fetchLocations()
            #expect(await tokenRequests() == 1)
            // An hour's token is renewed 30 s early: at 59:30 after it was asked for.
            clock.advance(by: .seconds(3570) - .milliseconds(1))
            _ = try await client.fetchOrganizations()
            #expect(await tokenRequests() == 1)
            clock.advance(by: .milliseconds(1))
            _ = try await client.fetchOrganizations()
            #expect(await tokenRequests() == 2)
            _ = try await client.fetchLocations()
            #expect(await tokenRequests() == 2)
            #expect(await simulator.control.requests().allSatisfy { $0.status == 200 })
        }
    }

    @Test("custom fields of a device deleted during the run are skipped, not fatal")
    func deletedDeviceCustomFields() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            let served = await simulator.control.fleet()
            let known = try #require(served.ninjaDeviceIDs.first)
            let fields = try await client.fetchCustomFields(deviceIDs: [known, 999_999_999])
            #expect(fields == [String(known): served.customFields[String(known)]!])
        }
    }

    @Test("the simulator serves the day it is set to")
    func servesSelectedDay() async throws {
        try await VendorTestbed.withNinjaOne { simulator, client, _ in
            await simulator.control.setDay(2)
            let devices = try await client.fetchDevices()
            #expect(devices == VendorTestbed.smallFleet.fleet(onDay: 2).ninjaDevices)
            #expect(devices != VendorTestbed.smallFleet.fleet(onDay: 1).ninjaDevices)
        }
    }
}
