import Collectors
import Foundation
import InventoryRules
import Ledger
import PostgresClient
import Testing
import VendorSimulators
import Vendors

/// A vendor misbehaviour and the words the failure must contain.
struct FaultCase: Sendable, CustomTestStringConvertible {
    let name: String
    let vendor: Vendor
    let fault: SimulatorFault
    let reason: String

    var testDescription: String { "\(vendor.vendorName): \(name)" }

    static let failing: [FaultCase] = [
        FaultCase(name: "5xx mid-paging after retries", vendor: .ninja, fault: .serverError(503, on: .devices, page: 2, times: nil), reason: "HTTP 503"),
        FaultCase(name: "malformed JSON", vendor: .ninja, fault: .malformedJSON(on: .devices, page: 2), reason: "not JSON"),
        FaultCase(name: "401 that persists after a refresh", vendor: .ninja, fault: .expiredToken(times: nil), reason: "refused the credentials"),
        FaultCase(name: "5xx mid-paging after retries", vendor: .threatLocker, fault: .serverError(502, on: .computers, page: 2, times: nil), reason: "HTTP 502"),
        FaultCase(name: "malformed JSON", vendor: .threatLocker, fault: .malformedJSON(on: .computers, page: 2), reason: "not JSON"),
        FaultCase(
            name: "401 on every request", vendor: .threatLocker, fault: SimulatorFault(.expiredToken, endpoint: .computers, times: nil),
            reason: "refused the credentials"),
    ]

    static let transient: [FaultCase] = [
        FaultCase(name: "a 429 with Retry-After", vendor: .ninja, fault: .rateLimited(retryAfterSeconds: 1, on: .devices, page: 2), reason: "429"),
        FaultCase(name: "a single 401", vendor: .ninja, fault: .expiredToken(times: 1), reason: "401"),
        FaultCase(name: "a 429 with Retry-After", vendor: .threatLocker, fault: .rateLimited(retryAfterSeconds: 1, on: .computers, page: 2), reason: "429"),
        FaultCase(name: "a single 503", vendor: .threatLocker, fault: .serverError(503, on: .computers, page: 2, times: 1), reason: "503"),
    ]
}

@Suite("Failed collections append nothing")
struct CollectorFaultTests {
    @Test("the fault fails the run: nothing appended, the job failed with the reason, the earlier run untouched", arguments: FaultCase.failing)
    func failingFault(_ fault: FaultCase) async throws {
        try await CollectorBench.with("collectfault") { bench in
            let earlier = try await bench.collect(fault.vendor)
            let before = try await bench.events()
            await bench.control(fault.vendor).inject(fault.fault)

            let failure = try await #require(throws: CollectionFailure.self) { try await bench.collect(fault.vendor) }
            #expect(failure.reason.contains(fault.reason), "\(failure.reason)")
            #expect(failure.underlying is VendorError)
            #expect("\(failure)".contains("appended nothing"))

            #expect(try await bench.events() == before)
            #expect(before.allSatisfy { $0.runID == earlier.runID })
            let jobs = try await bench.jobRuns()
            #expect(jobs.map(\.status) == ["completed", "failed"])
            let failed = try #require(jobs.last)
            #expect(failed.jobID == failure.jobID && failed.batchStatus == "failed" && failed.hasTimes)
            #expect(failed.error == failure.reason && failed.jobName == fault.vendor.jobName)
            #expect(failed.progressPercent.map { $0 < 100 } == true)
            let report = try await bench.connection.withSession { try LedgerVerifier(session: $0).verify() }
            #expect(report.isIntact && report.verifiedCount == before.count)
        }
    }

    @Test("a 5xx that persists is retried, then fails", arguments: [Vendor.ninja, .threatLocker])
    func retriedBeforeFailing(_ vendor: Vendor) async throws {
        try await CollectorBench.with("collectretries") { bench in
            let endpoint: SimulatedEndpoint = vendor == .ninja ? .devices : .computers
            await bench.control(vendor).inject(.serverError(503, on: endpoint, page: 2, times: nil))
            let failure = try await #require(throws: CollectionFailure.self) { try await bench.collect(vendor) }
            #expect(failure.reason.contains("after \(CollectorBench.fastRetry.maxAttempts) attempts"))
            let attempts = await bench.control(vendor).requests().filter { $0.endpoint == endpoint && $0.page == 2 }
            #expect(attempts.count == CollectorBench.fastRetry.maxAttempts && attempts.allSatisfy { $0.status == 503 })
            #expect(try await bench.events().isEmpty)
        }
    }

    @Test("the passing fault is retried and the run succeeds whole", arguments: FaultCase.transient)
    func transientFault(_ fault: FaultCase) async throws {
        try await CollectorBench.with("collecttransient") { bench in
            await bench.control(fault.vendor).inject(fault.fault)
            let result = try await bench.collect(fault.vendor)
            let fleet = await bench.control(fault.vendor).fleet()
            let expected = fault.vendor == .ninja ? fleet.ninjaDevices.count : fleet.threatLockerComputers.count
            #expect(result.deviceCount == expected)
            #expect(try await bench.events().count == expected + 1)
            let statuses = await bench.control(fault.vendor).requests().map { String($0.status) }
            #expect(statuses.contains(fault.reason))
            #expect(await bench.control(fault.vendor).pendingFaults().isEmpty)
            #expect(try await bench.jobRuns().map(\.status) == ["completed"])
        }
    }

    @Test("a NinjaOne token refreshed once is fetched again from the token endpoint")
    func tokenRefresh() async throws {
        try await CollectorBench.with("collectrefresh") { bench in
            await bench.ninja.control.inject(.expiredToken(times: 1))
            _ = try await bench.collect(.ninja)
            #expect(await bench.ninja.control.requestCount(for: .token) == 2)
        }
    }
}
