import Collectors
import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import TestSupport
import Testing
import VendorSimulators

@Suite("Complete collections over loopback HTTP")
struct CollectorAcceptanceTests {
    @Test("a 1,234-device NinjaOne fleet paged by 100 is appended whole, each payload the served JSON")
    func ninjaOneFleet() async throws {
        try await CollectorBench.with("collectninja", fleet: CollectorBench.acceptanceFleet) { bench in
            let fleet = await bench.ninja.control.fleet()
            #expect(fleet.ninjaDevices.count == 1_234)
            let result = try await bench.collect(.ninja, from: bench.apiSource(.ninja, pageSize: 100))
            #expect(result.deviceCount == 1_234 && result.eventCount == 1_235)
            #expect(result.firstSeq == 1 && result.lastSeq == 1_235 && result.source == "api")
            #expect(await bench.ninja.control.requestCount(for: .devices) == 13)

            let events = try await bench.events()
            #expect(events.count == 1_235)
            #expect(events.allSatisfy { $0.runID == result.runID && $0.observedOn == CollectorBench.date })
            let organizations = Dictionary(uniqueKeysWithValues: fleet.organizations.map { ($0["id"]!.intValue!, $0) })
            let locations = Dictionary(uniqueKeysWithValues: fleet.locations.map { ($0["id"]!.intValue!, $0) })
            for (event, device) in zip(events, fleet.ninjaDevices) {
                let payload = try JSONParser.parse(event.payload)
                #expect(event.eventType == LedgerEventType.deviceObserved && event.vendorID == 3)
                #expect(payload["device"] == device)
                #expect(payload["organization"] == organizations[device["organizationId"]!.intValue!])
                #expect(payload["location"] == device["locationId"]?.intValue.flatMap { locations[$0] } ?? .null)
                #expect(payload["customFields"] == fleet.customFields[device["id"]!.textValue!])
                #expect(event.subject == VendorDeviceKey.ninjaOne(device))
            }
            let completion = try JSONParser.parse(try #require(events.last).payload)
            #expect(events.last?.eventType == LedgerEventType.collectionCompleted)
            #expect(completion["deviceCount"] == 1_234 && completion["source"] == "api")
            #expect(completion["collectorVersion"] == .string(Collector.version))

            let jobs = try await bench.jobRuns()
            #expect(jobs.count == 1)
            let job = try #require(jobs.first)
            #expect(job.jobID == result.jobID && job.jobName == "ninja" && job.jobID.hasPrefix("ninja-20250301-"))
            #expect(job.status == "completed" && job.batchStatus == "completed" && job.progressPercent == 100)
            #expect(job.error == nil && job.hasTimes && job.durationSeconds != nil)
            #expect(job.message?.contains(result.runID.uuidString.lowercased()) == true)
            #expect(job.jobID.count <= 50 && job.batchID.count <= 50)
            let report = try await bench.connection.withSession { try LedgerVerifier(session: $0).verify() }
            #expect(report.isIntact && report.verifiedCount == 1_235)
        }
    }

    @Test("a 1,000-computer ThreatLocker fleet (two full pages of 500) ends at the empty third page")
    func threatLockerFleet() async throws {
        try await CollectorBench.with("collecttl", fleet: CollectorBench.acceptanceFleet) { bench in
            let fleet = await bench.threatLocker.control.fleet()
            #expect(fleet.threatLockerComputers.count == 1_000)
            let result = try await bench.collect(.threatLocker, from: bench.apiSource(.threatLocker, pageSize: 500))
            #expect(result.deviceCount == 1_000 && result.eventCount == 1_001)
            let pages = await bench.threatLocker.control.requests().filter { $0.endpoint == .computers }.map(\.page)
            #expect(pages == [1, 2, 3])

            let events = try await bench.events()
            #expect(events.count == 1_001)
            for (event, computer) in zip(events, fleet.threatLockerComputers) {
                #expect(try JSONParser.parse(event.payload) == ["computer": computer])
                #expect(event.subject == computer["computerId"]?.stringValue && event.vendorID == 4)
            }
            #expect(events.last?.eventType == LedgerEventType.collectionCompleted)
            let jobs = try await bench.jobRuns()
            #expect(jobs.map(\.jobName) == ["threatlocker"] && jobs.map(\.status) == ["completed"])
        }
    }

    @Test("a second run for the same date is appended beside the first, which stays intact")
    func secondRun() async throws {
        try await CollectorBench.with("collecttwice") { bench in
            let first = try await bench.collect(.threatLocker)
            let before = try await bench.events(runID: first.runID)
            let second = try await bench.collect(.threatLocker)
            #expect(second.runID != first.runID && second.firstSeq == first.lastSeq + 1)
            #expect(try await bench.events(runID: first.runID) == before)
            #expect(try await bench.jobRuns().map(\.status) == ["completed", "completed"])
        }
    }
}
