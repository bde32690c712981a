import Collectors
import Foundation
import InventoryJSON
import InventoryRules
import Testing
import VendorSimulators

/// An item without an identity fails the whole run the same way from the API and from a
/// capture file: nothing appended, the job failed, the reason naming the item and its field.
@Suite("Collections with an unusable item")
struct UnusableItemCollectionTests {
    @Test("an API item without a usable identity fails the run and appends nothing", arguments: [
        // (vendor, fault, index of the altered item with pages of 100, problem)
        (Vendor.threatLocker, SimulatorFault.alteredItem("computerId", to: nil, on: .computers, page: 2), 100, "computerId is missing"),
        (.threatLocker, .alteredItem("hostname", to: 42, on: .computers, page: 1), 0, "hostname is a number, not a string"),
        (.ninja, .alteredItem("systemName", to: 42, on: .devices, page: 3), 200, "systemName is a number, not a string"),
    ])
    func api(vendor: Vendor, fault: SimulatorFault, index: Int, problem: String) async throws {
        try await CollectorBench.with("collectunusable") { bench in
            await bench.control(vendor).inject(fault)
            let fleet = await bench.control(vendor).fleet()
            let (list, count) = vendor == .ninja ? ("devices", fleet.ninjaDevices.count) : ("computers", fleet.threatLockerComputers.count)
            let reason = "item \(index + 1) of \(count) in \(list) (\(list)[\(index)]) cannot be recorded: \(problem)"
            let failure = try await #require(throws: CollectionFailure.self) { try await bench.collect(vendor) }
            #expect(failure.underlying is UnusableCaptureItem)
            #expect(failure.reason == reason)
            #expect(try await bench.events().isEmpty)
            let jobs = try await bench.jobRuns()
            #expect(jobs.map(\.status) == ["failed"] && jobs.first?.error == reason)
        }
    }

    @Test("a capture file item without a computerId fails the run and appends nothing")
    func file() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("threatlocker.json")
        try Data(#"{"computers":[{"computerId":"a1","hostname":"WS-01"},{"hostname":"WS-02"}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        try await CollectorBench.with("collectunusablefile") { bench in
            let failure = try await #require(throws: CollectionFailure.self) { try await bench.collect(.threatLocker, from: .file(path)) }
            #expect(failure.reason == "item 2 of 2 in computers (computers[1]) cannot be recorded: computerId is missing")
            #expect(try await bench.events().isEmpty)
            #expect(try await bench.jobRuns().map(\.status) == ["failed"])
        }
    }
}
