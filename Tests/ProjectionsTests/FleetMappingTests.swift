import InventoryJSON
import InventoryRules
import Ledger
import TestSupport
import Testing

@Suite("The generated fleet maps the same from the selected members")
struct FleetMappingTests {
    @Test("every payload of a 2,000-device fleet over ten days gives the row a full parse gives")
    func selectedMembersMapLikeTheWholePayload() throws {
        let fleet = FleetLedger(ninja: 1_200, threatLocker: 800, organizations: 40)
        var mapped = 0
        for day in stride(from: 0, to: 70, by: 7) {
            for (vendor, run) in [(Vendor.ninja, fleet.ninjaRun(day: day)), (.threatLocker, fleet.threatLockerRun(day: day))] {
                for event in run.events {
                    let payload = try JSONParser.parse(event.payload)
                    let full = vendor == .ninja ? NinjaOneMapping.row(from: payload) : ThreatLockerMapping.row(from: payload)
                    let selected = try vendor.row(fromPayload: event.payload)
                    #expect(selected == full, "day \(day), \(vendor) \(event.subject ?? "?")")
                    if full != nil { mapped += 1 }
                }
            }
        }
        #expect(mapped > 15_000, "most payloads are projected (\(mapped))")
    }
}
