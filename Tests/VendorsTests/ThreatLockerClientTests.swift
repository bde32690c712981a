import Foundation
import InventoryJSON
import Testing
import VendorSimulators
import Vendors

@Suite("ThreatLocker client against the simulator")
struct ThreatLockerClientTests {
    @Test("a 1,000-computer fleet is fetched completely in pages of 500, ending at the empty third page")
    func fullFleet() async throws {
        try await VendorTestbed.withThreatLocker(fleet: VendorTestbed.acceptanceFleet, pageSize: 500) { simulator, client, _ in
            let capture = try await client.fetchCapture()
            let served = await simulator.control.fleet()
            #expect(capture.computers.count == 1_000)
            #expect(capture.computers == served.threatLockerComputers)
            let requests = await simulator.control.requests()
            #expect(requests.map(\.page) == [1, 2, 3])
            #expect(requests.allSatisfy { $0.pageSize == 500 && $0.status == 200 })

            let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-capture-\(UUID().uuidString).json").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try capture.write(to: path)
            #expect(try ThreatLockerCapture.read(from: path) == capture)
        }
    }

    @Test("a short last page ends paging without asking for another")
    func shortLastPage() async throws {
        try await VendorTestbed.withThreatLocker { simulator, client, _ in
            let capture = try await client.fetchCapture()
            #expect(capture.computers.count == 180)
            #expect(await simulator.control.requests().map(\.page) == [1, 2])
        }
    }

    @Test("a 5xx that persists fails with an error naming the endpoint and status")
    func persistentServerError() async throws {
        try await VendorTestbed.withThreatLocker { simulator, client, _ in
            await simulator.control.inject(.serverError(500, on: .computers, page: 2, times: nil))
            let error = await #expect(throws: VendorError.self) { try await client.fetchCapture() }
            #expect(error?.reason == .httpStatus)
            #expect(error?.status == 500)
            #expect(error?.endpoint == "POST /portalApi/Computer/ComputerGetByAllParameters")
            #expect(error?.description.contains("HTTP 500") == true)
        }
    }

    @Test("a 429 with Retry-After is waited out and the fetch completes")
    func rateLimited() async throws {
        try await VendorTestbed.withThreatLocker { simulator, client, _ in
            await simulator.control.inject(.rateLimited(retryAfterSeconds: 1, on: .computers, page: 2))
            let started = ContinuousClock.now
            let capture = try await client.fetchCapture()
            #expect(ContinuousClock.now - started >= .milliseconds(950))
            #expect(capture.computers == (await simulator.control.fleet()).threatLockerComputers)
            #expect(await simulator.control.requests().map(\.status) == [200, 429, 200])
        }
    }

    @Test("malformed JSON fails with the position of the problem")
    func malformedJSON() async throws {
        try await VendorTestbed.withThreatLocker { simulator, client, _ in
            await simulator.control.inject(.malformedJSON(on: .computers, page: 1))
            let error = await #expect(throws: VendorError.self) { try await client.fetchCapture() }
            guard case .malformedJSON(let parseError)? = error?.reason else {
                Issue.record("expected malformed JSON, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("line \(parseError.line), column \(parseError.column)") == true)
        }
    }

    @Test("computers that disagree with totalRows fail the fetch as incomplete")
    func incomplete() async throws {
        try await VendorTestbed.withThreatLocker { simulator, client, _ in
            await simulator.control.setTotalRowsAdjustment(1)
            let error = await #expect(throws: VendorError.self) { try await client.fetchCapture() }
            #expect(error?.reason == .incomplete(expected: 181, received: 180))
            #expect(error?.description.contains("incomplete") == true)
        }
    }

    @Test("a wrong API key is refused without retrying")
    func wrongAPIKey() async throws {
        try await VendorTestbed.withThreatLocker(apiKey: "not-the-key-77f1") { simulator, client, _ in
            let error = await #expect(throws: VendorError.self) { try await client.fetchCapture() }
            #expect(error?.reason == .authenticationRejected)
            #expect(error?.status == 401)
            #expect(await simulator.control.requests().count == 1)
        }
    }
}
