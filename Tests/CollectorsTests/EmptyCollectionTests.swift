import Collectors
import Foundation
import InventoryRules
import Ledger
import Testing
import VendorSimulators

@Suite("Empty collections")
struct EmptyCollectionTests {
    /// Page sizes larger than the small fleet, with whole pages only: the API serves nothing.
    static func emptyAPI(_ bench: CollectorBench, _ vendor: Vendor) async {
        await bench.control(vendor).setServesWholePagesOnly(true)
    }

    @Test("zero devices from the API is refused as suspicious without --allow-empty", arguments: [Vendor.ninja, .threatLocker])
    func refused(_ vendor: Vendor) async throws {
        try await CollectorBench.with("collectempty") { bench in
            await Self.emptyAPI(bench, vendor)
            let failure = try await #require(throws: CollectionFailure.self) {
                try await bench.collect(vendor, from: bench.apiSource(vendor, pageSize: 1_000))
            }
            #expect(failure.underlying as? CollectionRefusal == .noDevices(source: "api"))
            #expect(failure.reason == "suspicious: the API returned no devices; pass --allow-empty if that is real")
            #expect(try await bench.events().isEmpty)
            let jobs = try await bench.jobRuns()
            #expect(jobs.map(\.status) == ["failed"] && jobs.first?.error == failure.reason)
        }
    }

    @Test("with allowEmpty an empty run is recorded: only its completion event")
    func allowed() async throws {
        try await CollectorBench.with("collectallowempty") { bench in
            await Self.emptyAPI(bench, .threatLocker)
            let result = try await bench.collect(.threatLocker, from: bench.apiSource(.threatLocker, pageSize: 1_000), allowEmpty: true)
            #expect(result.deviceCount == 0 && result.eventCount == 1)
            #expect(try await bench.events().map(\.eventType) == [LedgerEventType.collectionCompleted])
            #expect(try await bench.jobRuns().map(\.status) == ["completed"])
        }
    }

    @Test("an empty capture file is refused the same way")
    func emptyFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path("empty.json")
        try Data("{\"computers\": []}".utf8).write(to: URL(fileURLWithPath: file))
        try await CollectorBench.with("collectemptyfile") { bench in
            let failure = try await #require(throws: CollectionFailure.self) { try await bench.collect(.threatLocker, from: .file(file)) }
            #expect(failure.underlying as? CollectionRefusal == .noDevices(source: "file"))
            #expect(try await bench.events().isEmpty)
        }
    }
}
