import TestSupport
import Collectors
import Foundation
import InventoryRules
import Testing
import VendorSimulators
import Vendors

@Suite("Credentials never leak from a collection")
struct CredentialSecrecyTests {
    /// Runs that succeed and fail in every way a credential could slip into a message.
    static func exercise(_ bench: CollectorBench) async -> [String] {
        var errors: [String] = []
        func attempt(_ vendor: Vendor, _ source: CollectionSource? = nil) async {
            do {
                _ = try await bench.collect(vendor, from: source)
            } catch {
                errors += [String(describing: error), String(reflecting: error)]
                if let failure = error as? CollectionFailure { errors.append(String(describing: failure.underlying)) }
            }
        }
        await attempt(.ninja)
        await attempt(.threatLocker)
        await attempt(.ninja, .api(bench.ninjaConfiguration(clientSecret: CollectorBench.clientSecret + "-wrong")))
        await attempt(.threatLocker, .api(bench.threatLockerConfiguration(apiKey: CollectorBench.apiKey + "-wrong")))
        let faults: [(Vendor, SimulatorFault)] = [
            (.ninja, .expiredToken(times: nil)), (.ninja, SimulatorFault(.serverError(status: 503), endpoint: .customFields, times: nil)),
            (.ninja, .malformedJSON(on: .organizations, page: 1)), (.threatLocker, .serverError(500, on: .computers, page: 1, times: nil)),
        ]
        for (vendor, fault) in faults {
            await bench.control(vendor).clearFaults()
            await bench.control(vendor).inject(fault)
            await attempt(vendor)
        }
        return errors
    }

    @Test("no client id, secret, API key or bearer token in any job row, error or log line")
    func noLeaks() async throws {
        try await CollectorBench.with("collectsecrets") { bench in
            let errors = await Self.exercise(bench)
            let jobTexts = try await bench.jobRowTexts()
            let logLines = bench.logs.recorded
            let tokens = await bench.ninja.control.issuedTokens()
            #expect(errors.count == 18 && jobTexts.count == 16 && !logLines.isEmpty && tokens.count >= 3)
            #expect(try await bench.jobRuns().map(\.status).filter { $0 == "failed" }.count == 6)
            for secret in CollectorBench.secrets + tokens {
                for (kind, texts) in [("job row", jobTexts), ("error", errors), ("log line", logLines)] {
                    let leaks = texts.filter { $0.contains(secret) }
                    #expect(leaks.isEmpty, "\(secret) leaked into a \(kind): \(leaks.prefix(3))")
                }
            }
        }
    }

    @Test("a failure recorded before collecting (a bad setting) is redacted too")
    func collectorRedactsItsOwnMessages() async throws {
        try await CollectorBench.with("collectredact") { bench in
            let path = "/nonexistent/\(CollectorBench.apiKey)/capture.json"
            let failure = await bench.collector.recordFailure(
                vendor: .threatLocker, date: CollectorBench.date, error: CaptureFileError(vendor: .threatLocker, file: path, reason: .unreadable("gone")),
                secrets: [CollectorBench.apiKey], connection: bench.connection)
            #expect(!failure.reason.contains(CollectorBench.apiKey) && failure.reason.contains(SecretRedactor.placeholder))
            let texts = try await bench.jobRowTexts()
            #expect(texts.count == 2 && texts.allSatisfy { !$0.contains(CollectorBench.apiKey) })
        }
    }
}
