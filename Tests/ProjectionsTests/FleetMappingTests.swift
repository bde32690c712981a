import InventoryJSON
import InventoryRules
import Ledger
import TestSupport
import Testing

@Suite("The generated fleet maps the same from the selected members")
struct FleetMappingTests {
    @Test("every payload of a 2,000-device fleet over ten days gives the row a full parse gives, and comparison rows the same findings and changes")
    func selectedMembersMapLikeTheWholePayload() throws {
        let fleet = FleetLedger(ninja: 1_200, threatLocker: 800, organizations: 40)
        var mapped = 0
        var findings = 0
        var changes = 0
        var previousFull: [Vendor: [DeviceSnapshotRow]] = [:]
        var previousCompared: [Vendor: [DeviceSnapshotRow]] = [:]
        for day in stride(from: 0, to: 70, by: 7) {
            var fullRows: [Vendor: [DeviceSnapshotRow]] = [:]
            var comparisonRows: [Vendor: [DeviceSnapshotRow]] = [:]
            var seen = Set<String>()
            for (vendor, run) in [(Vendor.ninja, fleet.ninjaRun(day: day)), (.threatLocker, fleet.threatLockerRun(day: day))] {
                for event in run.events {
                    let payload = try JSONParser.parse(event.payload)
                    let full = vendor == .ninja ? NinjaOneMapping.row(from: payload) : ThreatLockerMapping.row(from: payload)
                    let selected = try vendor.row(fromPayload: event.payload)
                    #expect(selected == full, "day \(day), \(vendor) \(event.subject ?? "?")")
                    let compared = try vendor.row(fromPayload: event.payload, detail: .comparison)
                    #expect(compared == full?.limited(to: .comparison), "comparison row: day \(day), \(vendor) \(event.subject ?? "?")")
                    // One row per vendor device key, the first event's, as the projectors keep them.
                    if let full, let compared, seen.insert("\(vendor)|\(full.vendorDeviceKey)").inserted {
                        mapped += 1
                        fullRows[vendor, default: []].append(full)
                        comparisonRows[vendor, default: []].append(compared)
                    }
                }
            }
            // The exception rules and the change log give the same answers from the compared fields alone.
            let client = { (row: DeviceSnapshotRow) in row.siteName ?? "" }
            let fromFull = ExceptionRules.evaluate(ninja: fullRows[.ninja] ?? [], threatLocker: fullRows[.threatLocker] ?? [], clientName: client)
            let fromCompared = ExceptionRules.evaluate(
                ninja: comparisonRows[.ninja] ?? [], threatLocker: comparisonRows[.threatLocker] ?? [], clientName: client)
            #expect(fromCompared == fromFull, "day \(day): findings from comparison rows")
            findings += fromFull.count
            for vendor in [Vendor.ninja, .threatLocker] {
                let fromFull = ChangeMetrics.compute(previous: previousFull[vendor], current: fullRows[vendor] ?? [])
                #expect(ChangeMetrics.compute(previous: previousCompared[vendor], current: comparisonRows[vendor] ?? []) == fromFull)
                changes += fromFull.count
            }
            (previousFull, previousCompared) = (fullRows, comparisonRows)
        }
        #expect(mapped > 15_000, "most payloads are projected (\(mapped))")
        #expect(findings > 100, "the fleet has findings to compare (\(findings))")
        #expect(changes > 20, "the fleet has change-log entries to compare (\(changes))")
    }
}
