import TestSupport
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Testing
import VendorSimulators
import Vendors

@Suite("Simulator lifecycle and protocol")
struct SimulatorLifecycleTests {
    /// The testbed's generous per-request limit, as NIO counts it.
    static let timeout = TimeAmount.seconds(VendorTestbed.requestTimeout.components.seconds)

    /// The status `request` is answered with, or why it got none; caught so that the caller
    /// stops its simulator either way.
    static func status(of request: HTTPClientRequest, logs: LogRecorder) async -> Result<UInt, any Error> {
        do {
            return .success(try await VendorTestbed.withHTTPClient(logger: logs.logger()) { try await $0.execute(request, timeout: timeout).status.code })
        } catch {
            return .failure(error)
        }
    }

    @Test("simulators bind distinct ephemeral ports on 127.0.0.1 and stop cleanly")
    func startStop() async throws {
        let logs = LogRecorder()
        let ninja = try await NinjaOneSimulator.start(fleet: VendorTestbed.smallFleet, logger: logs.logger())
        let threatLocker = try await ThreatLockerSimulator.start(fleet: VendorTestbed.smallFleet, logger: logs.logger())
        #expect(ninja.port > 0 && threatLocker.port > 0 && ninja.port != threatLocker.port)
        #expect(ninja.baseURL == "http://127.0.0.1:\(ninja.port)")
        try await VendorTestbed.withHTTPClient(logger: logs.logger()) { http in
            let before = try await http.execute(HTTPClientRequest(url: ninja.baseURL + "/v2/organizations"), timeout: Self.timeout)
            #expect(before.status.code == 401)
            await ninja.stop()
            await threatLocker.stop()
            await #expect(throws: (any Error).self) {
                _ = try await http.execute(HTTPClientRequest(url: ninja.baseURL + "/v2/organizations"), timeout: Self.timeout)
            }
        }
    }

    @Test("NinjaOne data endpoints need a valid bearer token")
    func bearerRequired() async throws {
        let logs = LogRecorder()
        let ninja = try await NinjaOneSimulator.start(fleet: VendorTestbed.smallFleet, logger: logs.logger())
        var request = HTTPClientRequest(url: ninja.baseURL + "/v2/devices-detailed?pageSize=10")
        request.headers.add(name: "Authorization", value: "Bearer made-up")
        let status = await Self.status(of: request, logs: logs)
        await ninja.stop()
        #expect(try status.get() == 401)
        let log = await ninja.control.requests()
        #expect(log.map(\.status) == [401])
        #expect(log.first?.endpoint == .devices)
    }

    @Test("ThreatLocker needs the managed organization header")
    func organizationHeaderRequired() async throws {
        let logs = LogRecorder()
        let threatLocker = try await ThreatLockerSimulator.start(fleet: VendorTestbed.smallFleet, logger: logs.logger())
        var request = HTTPClientRequest(url: threatLocker.baseURL + "/portalApi/Computer/ComputerGetByAllParameters")
        request.method = .POST
        request.headers.add(name: "Authorization", value: threatLocker.configuration.apiKey)
        request.body = .bytes(ByteBuffer(string: #"{"pageSize":500,"pageNumber":1}"#))
        let status = await Self.status(of: request, logs: logs)
        await threatLocker.stop()
        #expect(try status.get() == 403)
    }

    @Test("a fault fires its given number of times, then clears")
    func faultCountdown() async throws {
        let logs = LogRecorder()
        let ninja = try await NinjaOneSimulator.start(fleet: VendorTestbed.smallFleet, logger: logs.logger())
        await ninja.control.inject(.serverError(500, on: .token, page: 1, times: 2))
        #expect(await ninja.control.pendingFaults().count == 1)
        await ninja.control.clearFaults()
        #expect(await ninja.control.pendingFaults().isEmpty)
        #expect(await ninja.control.setDate(VendorTestbed.smallFleet.configuration.firstDay.adding(days: 4)))
        #expect(await ninja.control.day == 4)
        await ninja.stop()
    }
}
