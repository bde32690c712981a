import Collectors
import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import Testing
import Vendors

@Suite("Collection run builder")
struct CollectionRunBuilderTests {
    static let date = CalendarDate("2025-03-01")!
    static let completion = CollectionRunBuilder.completion(
        source: "api", startedAt: Date(timeIntervalSince1970: 1_740_800_000), finishedAt: Date(timeIntervalSince1970: 1_740_800_042))

    static let ninjaCapture = NinjaOneCapture(
        devices: [
            ["id": 30, "systemName": "WS-ACME-01", "organizationId": 2, "locationId": 20, "nodeClass": "WINDOWS_WORKSTATION"],
            ["id": 10, "systemName": nil, "dnsName": "db-01.corp.acme.local", "organizationId": 1, "locationId": 99],
            ["id": 20, "systemName": "ESX-GUEST-7", "nodeClass": "VMWARE_VM_GUEST", "organizationId": 404],
            ["id": 40, "displayName": "nameless"],
        ],
        organizations: [["id": 1, "name": "Acme"], ["id": 2, "name": "Globex"]],
        locations: [["id": 20, "name": "Main Office", "organizationId": 2]],
        customFields: ["30": ["hastpm": "true"], "10": ["tpmversion": "2.0"]])

    static func decode(_ draft: LedgerEventDraft) throws -> JSONValue { try JSONParser.parse(draft.payload) }

    @Test("one device_observed per NinjaOne device, in capture order, keyed like the mapping")
    func ninjaEvents() throws {
        let run = CollectionRunBuilder.run(from: Self.ninjaCapture, observedOn: Self.date, completion: Self.completion)
        #expect(run.vendorID == 3 && run.observedOn == Self.date && run.completion == Self.completion)
        #expect(run.events.map(\.subject) == ["WS-ACME-01", "db-01", "ESX-GUEST-7", "id:40"])
        #expect(run.events.allSatisfy { $0.eventType == "device_observed" && $0.vendorID == 3 && $0.observedOn == Self.date })
        for (draft, device) in zip(run.events, Self.ninjaCapture.devices) {
            #expect(try Self.decode(draft)["device"] == device)
            #expect(draft.subject == VendorDeviceKey.ninjaOne(device))
        }
    }

    @Test("organization, location and custom fields are looked up by id, null when absent")
    func ninjaLookups() throws {
        let run = CollectionRunBuilder.run(from: Self.ninjaCapture, observedOn: Self.date, completion: Self.completion)
        let payloads = try run.events.map(Self.decode)
        #expect(payloads[0]["organization"] == ["id": 2, "name": "Globex"])
        #expect(payloads[0]["location"] == ["id": 20, "name": "Main Office", "organizationId": 2])
        #expect(payloads[0]["customFields"] == ["hastpm": "true"])
        #expect(payloads[1]["organization"] == ["id": 1, "name": "Acme"])
        #expect(payloads[1]["location"] == .null)
        #expect(payloads[1]["customFields"] == ["tpmversion": "2.0"])
        #expect(payloads[2]["organization"] == .null && payloads[2]["customFields"] == .null)
        #expect(run.events[0].payload == LedgerPayload.ninjaDevice(
            device: Self.ninjaCapture.devices[0], organization: ["id": 2, "name": "Globex"],
            location: ["id": 20, "name": "Main Office", "organizationId": 2], customFields: ["hastpm": "true"]))
    }

    @Test("one device_observed per ThreatLocker computer keyed by computerId, deleted ones included")
    func threatLockerEvents() throws {
        let computers: [JSONValue] = [
            ["computerId": "b2", "hostname": "WS-02", "isDeleted": true],
            ["computerId": "a1", "hostname": "WS-01", "unknownField": [1, 2]],
            ["hostname": "NO-ID"],
        ]
        let run = CollectionRunBuilder.run(from: ThreatLockerCapture(computers: computers), observedOn: Self.date, completion: Self.completion)
        #expect(run.vendorID == 4)
        #expect(run.events.map(\.subject) == ["b2", "a1", nil])
        #expect(try run.events.map(Self.decode) == computers.map { ["computer": $0] })
        #expect(run.events.allSatisfy { $0.vendorID == 4 && $0.observedOn == Self.date })
    }

    @Test("the completion names its source and this collector's version")
    func completion() {
        let completion = CollectionRunBuilder.completion(source: "file", startedAt: Date(), finishedAt: Date())
        #expect(completion.source == "file")
        #expect(completion.collectorVersion == Collector.version)
    }

    @Test("equal captures build equal payloads, so re-imports hash alike")
    func deterministic() {
        let first = CollectionRunBuilder.run(from: Self.ninjaCapture, observedOn: Self.date, completion: Self.completion)
        let second = CollectionRunBuilder.run(from: Self.ninjaCapture, observedOn: Self.date, completion: Self.completion)
        #expect(first.events == second.events)
        #expect(first.runID != second.runID)
    }
}
