import Collectors
import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import Testing
import Vendors

/// Every item must have an identity before a run is built: one unusable item fails the run,
/// and the message names the item and the field, whether it came from the API or a file.
@Suite("Capture item validation")
struct CaptureItemValidationTests {
    static let completion = CollectionRunBuilder.completion(source: "file", startedAt: Date(), finishedAt: Date())

    static func threatLockerProblem(_ computers: [JSONValue]) -> String? {
        do {
            try CollectionRunBuilder.validate(ThreatLockerCapture(computers: computers))
            return nil
        } catch {
            return error.description
        }
    }

    static func ninjaProblem(_ devices: [JSONValue]) -> String? {
        do {
            try CollectionRunBuilder.validate(NinjaOneCapture(devices: devices, organizations: [], locations: [], customFields: [:]))
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a ThreatLocker computer needs a non-blank string computerId and a string hostname when it has one", arguments: [
        (["computerId": "a1", "hostname": "WS-01"], nil),
        (["computerId": "a1"], nil),
        (["computerId": "a1", "hostname": nil], nil),
        (["computerId": "a1", "hostname": "", "computerName": "WS-01 | Bob"], nil),
        (["hostname": "WS-01"], "computerId is missing"),
        (["computerId": nil, "hostname": "WS-01"], "computerId is null"),
        (["computerId": "  ", "hostname": "WS-01"], "computerId is blank"),
        (["computerId": 42, "hostname": "WS-01"], "computerId is a number, not a string"),
        (["computerId": ["a1"], "hostname": "WS-01"], "computerId is an array, not a string"),
        (["computerId": "a1", "hostname": 42], "hostname is a number, not a string"),
        (["computerId": "a1", "hostname": true], "hostname is a boolean, not a string"),
        (["computerId": "a1", "hostname": ["name": "WS-01"]], "hostname is an object, not a string"),
        (["hostname": 42], "computerId is missing; hostname is a number, not a string"),
    ] as [(JSONValue, String?)])
    func threatLocker(computer: JSONValue, problem: String?) {
        #expect(Self.threatLockerProblem([computer]) == problem.map { "item 1 of 1 in computers (computers[0]) cannot be recorded: \($0)" })
    }

    @Test("a NinjaOne device needs an integer id, and string systemName and dnsName when it has them", arguments: [
        (["id": 7, "systemName": "WS-01"], nil),
        (["id": 7, "systemName": nil, "dnsName": "db-01.corp.local"], nil),
        (["id": 7], nil),
        (["systemName": "WS-01"], "id is missing"),
        (["id": nil, "systemName": "WS-01"], "id is null"),
        (["id": "7", "systemName": "WS-01"], "id is a string, not an integer"),
        (["id": 7.5, "systemName": "WS-01"], "id is the number 7.5, not an integer"),
        (["id": 7, "systemName": 42], "systemName is a number, not a string"),
        (["id": 7, "dnsName": ["db-01"]], "dnsName is an array, not a string"),
        (["systemName": 42], "id is missing; systemName is a number, not a string"),
    ] as [(JSONValue, String?)])
    func ninja(device: JSONValue, problem: String?) {
        #expect(Self.ninjaProblem([device]) == problem.map { "item 1 of 1 in devices (devices[0]) cannot be recorded: \($0)" })
    }

    @Test("the first unusable item is named by its 1-based position and its 0-based path")
    func position() throws {
        let computers: [JSONValue] = [["computerId": "a1"], ["computerId": "a2"], ["hostname": "WS-03"], ["hostname": 4]]
        let error = try #require(throws: UnusableCaptureItem.self) { try CollectionRunBuilder.validate(ThreatLockerCapture(computers: computers)) }
        #expect(error.description == "item 3 of 4 in computers (computers[2]) cannot be recorded: computerId is missing")
        #expect(error.vendor == .threatLocker && error.index == 2 && error.count == 4)
        #expect(error.violations == [.init("computerId", .missing)])
    }

    @Test("no run is built from a capture holding an unusable item, from either vendor", arguments: [
        VendorCapture.threatLocker(ThreatLockerCapture(computers: [["computerId": "a1", "hostname": "WS-01"], ["hostname": 42]])),
        VendorCapture.ninjaOne(NinjaOneCapture(devices: [["id": 1, "systemName": "WS-01"], ["id": "2"]], organizations: [], locations: [], customFields: [:])),
    ])
    func noRun(capture: VendorCapture) {
        #expect(throws: UnusableCaptureItem.self) { try capture.run(observedOn: CalendarDate("2025-03-01")!, completion: Self.completion) }
    }

    @Test("a capture whose items all have an identity builds its run as before")
    func usable() throws {
        let capture = VendorCapture.threatLocker(ThreatLockerCapture(computers: [["computerId": "a1", "hostname": "WS-01"], ["computerId": "b2"]]))
        let run = try capture.run(observedOn: CalendarDate("2025-03-01")!, completion: Self.completion)
        #expect(run.events.map(\.subject) == ["a1", "b2"])
    }
}
