import Collectors
import Foundation
import InventoryRules
import Ledger
import PostgresClient
import TestSupport
import VendorSimulators
import Vendors

/// A fresh database, both vendor simulators on loopback and a collector, for one test; with
/// credentials that are easy to grep for and retries fast enough to keep the suite quick.
struct CollectorBench {
    static let clientID = "collect-ninja-client-9e4d21"
    static let clientSecret = "collect-ninja-secret-3a7f08"
    static let apiKey = "collect-threatlocker-key-51c6b2"
    static let organizationID = "2b7e9c14-6a3d-4f80-b1e5-93c0d8a7f612"
    static let secrets = [clientID, clientSecret, apiKey]

    /// The acceptance fleet: 1,234 NinjaOne devices, 1,000 ThreatLocker computers (2 × 500).
    static let acceptanceFleet = FleetGenerator(configuration: FleetConfiguration(ninjaDeviceCount: 1_234, threatLockerComputerCount: 1_000))
    /// Three NinjaOne pages and two ThreatLocker pages of 100.
    static let smallFleet = FleetGenerator(configuration: FleetConfiguration(seed: 11, ninjaDeviceCount: 250, threatLockerComputerCount: 180))
    static let fastRetry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40), maxRetryAfter: .seconds(1))
    static let date = CalendarDate("2025-03-01")!

    let database: TestDatabase
    let connection: PostgresConnection
    let logs: LogRecorder
    let collector: Collector
    let ninja: NinjaOneSimulator
    let threatLocker: ThreatLockerSimulator

    /// Runs `body` with a new bench and tears it all down afterwards, also when it throws.
    static func with<Result>(
        _ suite: String, fleet: FleetGenerator = smallFleet, _ body: (CollectorBench) async throws -> Result
    ) async throws -> Result {
        let logs = LogRecorder()
        let database = try TestDatabase.create(suite)
        defer { database.drop() }
        let ninja = try await NinjaOneSimulator.start(
            fleet: fleet, configuration: .init(clientID: clientID, clientSecret: clientSecret, day: 5), logger: logs.logger(label: "ninja-simulator"))
        let threatLocker = try await ThreatLockerSimulator.start(
            fleet: fleet, configuration: .init(apiKey: apiKey, organizationID: organizationID, day: 5), logger: logs.logger(label: "tl-simulator"))
        let bench = CollectorBench(
            database: database, connection: try await database.connection(), logs: logs,
            collector: Collector(logger: logs.logger(label: "collector"), connectTimeout: .milliseconds(250)), ninja: ninja,
            threatLocker: threatLocker)
        do {
            let result = try await body(bench)
            await bench.tearDown()
            return result
        } catch {
            await bench.tearDown()
            throw error
        }
    }

    private func tearDown() async {
        await connection.close()
        await ninja.stop()
        await threatLocker.stop()
    }

    func ninjaConfiguration(pageSize: Int = 100, clientSecret: String = clientSecret) -> NinjaOneConfiguration {
        NinjaOneConfiguration(
            baseURL: ninja.baseURL, clientID: Self.clientID, clientSecret: clientSecret, pageSize: pageSize, retry: Self.fastRetry,
            requestTimeout: .seconds(60))
    }

    func threatLockerConfiguration(pageSize: Int = 100, apiKey: String = apiKey) -> ThreatLockerConfiguration {
        ThreatLockerConfiguration(
            baseURL: threatLocker.baseURL, apiKey: apiKey, organizationID: Self.organizationID, pageSize: pageSize, retry: Self.fastRetry,
            requestTimeout: .seconds(60))
    }

    /// The vendor's API with the bench's page sizes (100 unless told).
    func apiSource(_ vendor: Vendor, pageSize: Int = 100) -> CollectionSource {
        switch vendor {
        case .ninja: .api(ninjaConfiguration(pageSize: pageSize))
        case .threatLocker: .api(threatLockerConfiguration(pageSize: pageSize))
        }
    }

    func collect(
        _ vendor: Vendor, from source: CollectionSource? = nil, date: CalendarDate = date, saveCapture: String? = nil, allowEmpty: Bool = false
    ) async throws -> CollectResult {
        try await collector.collect(
            vendor: vendor, date: date, source: source ?? apiSource(vendor), saveCapture: saveCapture, allowEmpty: allowEmpty,
            connection: connection)
    }

    /// The simulator's control for `vendor`.
    func control(_ vendor: Vendor) -> SimulatorControl {
        vendor == .ninja ? ninja.control : threatLocker.control
    }
}
