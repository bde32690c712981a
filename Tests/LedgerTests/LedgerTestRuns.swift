import Foundation
import InventoryJSON
import Ledger
import PostgresClient

/// Small runs of NinjaOne-shaped events for ledger tests.
enum LedgerTestRuns {
    static func device(_ index: Int, day: Int = 0) -> JSONValue {
        [
            "id": JSONValue(index),
            "systemName": .string("WS-\(index)"),
            "displayName": .string("Workstation \(index) | Front desk"),
            "nodeClass": "WINDOWS_WORKSTATION",
            "organizationId": JSONValue(index % 7),
            "lastContact": JSONValue(1_700_000_000 + day * 86_400 + index),
            "os": ["name": "Windows 11 Pro", "architecture": "64-bit", "buildNumber": "22631", "releaseId": "23H2"],
            "memory": ["capacity": JSONValue(17_179_869_184)],
            "processors": [["name": "Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz", "numCores": 4]],
            "volumes": [["name": "C:", "capacity": JSONValue(511_101_108_224), "freeSpace": JSONValue(index * 1_000_000)]],
        ]
    }

    static func ninjaRun(day: CalendarDate, devices: Range<Int>, runID: UUID = UUID()) -> LedgerRun {
        let events = devices.map { index in
            LedgerEventDraft(
                eventType: LedgerEventType.deviceObserved, vendorID: 3, observedOn: day, subject: "WS-\(index)",
                payload: LedgerPayload.ninjaDevice(
                    device: device(index, day: day.daysSinceEpoch), organization: ["id": JSONValue(index % 7), "name": .string("Client \(index % 7)")],
                    location: nil, customFields: ["hastpm": "true"]))
        }
        let now = Date()
        return LedgerRun(
            runID: runID, vendorID: 3, observedOn: day, events: events,
            completion: .init(source: "api", startedAt: now, finishedAt: now, collectorVersion: "test"))
    }
}
