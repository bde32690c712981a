import TestSupport
import AsyncHTTPClient
import Logging
import VendorSimulators
import Vendors

/// Simulators and clients wired together for one test, with credentials that are easy to grep
/// for and retries fast enough to keep the suite quick.
enum VendorTestbed {
    static let clientID = "ninja-client-id-5b81d3"
    static let clientSecret = "ninja-client-secret-6f2b9c"
    static let apiKey = "threatlocker-api-key-4c7e1a"
    static let organizationID = "8d0f6a52-3c1e-4b7a-9f20-1e5d7c3a9b44"

    /// The acceptance fleet: 1,234 NinjaOne devices, 1,000 ThreatLocker computers (a multiple of 500).
    static let acceptanceFleet = FleetGenerator(configuration: FleetConfiguration(ninjaDeviceCount: 1_234, threatLockerComputerCount: 1_000))
    /// A small fleet for fault tests: three NinjaOne pages of 100, two ThreatLocker pages of 100.
    static let smallFleet = FleetGenerator(configuration: FleetConfiguration(seed: 7, ninjaDeviceCount: 250, threatLockerComputerCount: 180))

    /// Short backoffs keep the suite quick; no test depends on how short they are.
    static let fastRetry = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40), maxRetryAfter: .seconds(2))
    /// Generous on purpose: a limit is there to end a hung test, never to judge how fast the
    /// machine is. A loopback request on a machine busy with other builds can stall for seconds.
    static let requestTimeout = Duration.seconds(60)
    /// Just as generous for connecting; a port that is down still fails at once, because the
    /// test clients do not retry refused connections (`retryingFailedConnects: false`), the
    /// vendor clients' retry policy does.
    static let connectTimeout = Duration.seconds(60)

    /// A client with the test limits above, shut down after `body`.
    static func withHTTPClient<Result>(logger: Logger, _ body: (HTTPClient) async throws -> Result) async throws -> Result {
        try await VendorHTTPClient.withClient(connectTimeout: connectTimeout, retryingFailedConnects: false, logger: logger, body)
    }

    /// A simulator and a client for it. `now` is the client's clock for token expiry; tests
    /// that care pass a `ManualClock`'s reading and move time themselves.
    static func withNinjaOne<Result>(
        fleet: FleetGenerator = smallFleet, day: Int = 1, tokenLifetime: Duration = .seconds(3600), pageSize: Int = 100,
        clientSecret: String = clientSecret, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        _ body: (NinjaOneSimulator, NinjaOneClient, LogRecorder) async throws -> Result
    ) async throws -> Result {
        let logs = LogRecorder()
        let simulator = try await NinjaOneSimulator.start(
            fleet: fleet,
            configuration: .init(clientID: clientID, clientSecret: Self.clientSecret, tokenLifetime: tokenLifetime, day: day),
            logger: logs.logger(label: "ninja-simulator"))
        let configuration = NinjaOneConfiguration(
            baseURL: simulator.baseURL, clientID: clientID, clientSecret: clientSecret, pageSize: pageSize, retry: fastRetry,
            requestTimeout: requestTimeout, now: now)
        do {
            let result = try await withHTTPClient(logger: logs.logger(label: "http")) { http in
                try await body(simulator, NinjaOneClient(configuration: configuration, httpClient: http, logger: logs.logger(label: "ninja-client")), logs)
            }
            await simulator.stop()
            return result
        } catch {
            await simulator.stop()
            throw error
        }
    }

    static func withThreatLocker<Result>(
        fleet: FleetGenerator = smallFleet, day: Int = 1, pageSize: Int = 100, apiKey: String = apiKey,
        _ body: (ThreatLockerSimulator, ThreatLockerClient, LogRecorder) async throws -> Result
    ) async throws -> Result {
        let logs = LogRecorder()
        let simulator = try await ThreatLockerSimulator.start(
            fleet: fleet, configuration: .init(apiKey: Self.apiKey, organizationID: organizationID, day: day),
            logger: logs.logger(label: "threatlocker-simulator"))
        let configuration = ThreatLockerConfiguration(
            baseURL: simulator.baseURL, apiKey: apiKey, organizationID: organizationID, pageSize: pageSize, retry: fastRetry,
            requestTimeout: requestTimeout)
        do {
            let result = try await withHTTPClient(logger: logs.logger(label: "http")) { http in
                try await body(simulator, ThreatLockerClient(configuration: configuration, httpClient: http, logger: logs.logger(label: "threatlocker-client")), logs)
            }
            await simulator.stop()
            return result
        } catch {
            await simulator.stop()
            throw error
        }
    }
}
