import Collectors
import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import Testing
import Vendors

@Suite("Capture files")
struct CaptureRoundTripTests {
    @Test("a capture saved during an API run and re-imported gives the same payload hashes per subject", arguments: [Vendor.ninja, .threatLocker])
    func roundTrip(_ vendor: Vendor) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await CollectorBench.with("collectcapture") { bench in
            let file = folder.path("\(vendor.jobName).json")
            let live = try await bench.collect(vendor, saveCapture: file)
            #expect(live.savedCapture == file && FileManager.default.fileExists(atPath: file))
            let imported = try await bench.collect(vendor, from: .file(file))
            #expect(imported.source == "file" && imported.deviceCount == live.deviceCount)

            let liveHashes = try await bench.payloadHashes(runID: live.runID)
            let importedHashes = try await bench.payloadHashes(runID: imported.runID)
            #expect(liveHashes.count == live.deviceCount && !liveHashes.isEmpty)
            #expect(liveHashes.map(\.subject) == importedHashes.map(\.subject))
            #expect(liveHashes.map(\.sha256) == importedHashes.map(\.sha256))

            let completions = try await bench.events().filter { $0.eventType == LedgerEventType.collectionCompleted }
                .map { try JSONParser.parse($0.payload) }
            #expect(completions.map { $0["source"] } == ["api", "file"])
            #expect(completions[0]["runPayloadSha256"] == completions[1]["runPayloadSha256"])
        }
    }

    @Test("a malformed capture file fails the run with the position of the problem and appends nothing")
    func malformedFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path("broken.json")
        try Data("{\"computers\": [\n{\"computerId\": \"a1\"},\n{\"computerId\": }\n]}".utf8).write(to: URL(fileURLWithPath: file))
        try await CollectorBench.with("collectbadfile") { bench in
            let failure = try await #require(throws: CollectionFailure.self) {
                try await bench.collect(.threatLocker, from: .file(file))
            }
            #expect(failure.underlying is CaptureFileError)
            #expect(failure.reason.contains("broken.json") && failure.reason.contains("line 3"), "\(failure.reason)")
            #expect(try await bench.events().isEmpty)
            #expect(try await bench.jobRuns().map(\.status) == ["failed"])
        }
    }

    @Test("a capture of the other vendor's format is refused without appending")
    func wrongVendorFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await CollectorBench.with("collectwrongfile") { bench in
            let file = folder.path("tl.json")
            _ = try await bench.collect(.threatLocker, saveCapture: file)
            let failure = try await #require(throws: CollectionFailure.self) { try await bench.collect(.ninja, from: .file(file)) }
            #expect(failure.reason.contains("NinjaOne capture"), "\(failure.reason)")
            #expect(try await bench.events().count == 181)
        }
    }
}
