import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import VendorSimulators

/// Appends simulated collection runs straight to the ledger (no HTTP): the payloads and
/// subjects the collectors write, for a generated fleet on any day.
struct FleetLedger {
    let generator: FleetGenerator

    init(ninja: Int = 60, threatLocker: Int = 50, organizations: Int = 6, firstDay: CalendarDate = CalendarDate("2025-01-01")!) {
        generator = FleetGenerator(configuration: FleetConfiguration(
            ninjaDeviceCount: ninja, threatLockerComputerCount: threatLocker, organizationCount: organizations,
            firstDay: CivilDate(firstDay.description)!))
    }

    func date(ofDay day: Int) -> CalendarDate {
        CalendarDate(generator.configuration.date(ofDay: day).description)!
    }

    func ninjaRun(day: Int, dropping dropped: Int = 0) -> LedgerRun {
        let fleet = generator.fleet(onDay: day)
        let organizations = Dictionary(fleet.organizations.compactMap { org in org["id"]?.intValue.map { ($0, org) } }, uniquingKeysWith: { a, _ in a })
        let locations = Dictionary(fleet.locations.compactMap { loc in loc["id"]?.intValue.map { ($0, loc) } }, uniquingKeysWith: { a, _ in a })
        let snapshotDate = date(ofDay: day)
        let events = fleet.ninjaDevices.dropLast(dropped).map { device -> LedgerEventDraft in
            let payload = LedgerPayload.ninjaDevice(
                device: device, organization: device["organizationId"]?.intValue.flatMap { organizations[$0] },
                location: device["locationId"]?.intValue.flatMap { locations[$0] },
                customFields: device["id"]?.intValue.flatMap { fleet.customFields[String($0)] })
            let key = NinjaOneMapping.row(from: try! JSONParser.parse(payload))?.vendorDeviceKey ?? device["systemName"]?.stringValue
            return LedgerEventDraft(eventType: LedgerEventType.deviceObserved, vendorID: 3, observedOn: snapshotDate, subject: key, payload: payload)
        }
        return LedgerRun(vendorID: 3, observedOn: snapshotDate, events: events, completion: completion())
    }

    /// - Parameter excluding: canonical keys of computers left out of the run (a device whose
    ///   agent "disappears" that day).
    func threatLockerRun(day: Int, excluding: Set<String> = []) -> LedgerRun {
        let fleet = generator.fleet(onDay: day)
        let snapshotDate = date(ofDay: day)
        let kept = fleet.threatLockerComputers.filter { computer in
            guard let key = CanonicalKey(computer["hostname"]?.stringValue) else { return true }
            return !excluding.contains(key.value)
        }
        let events = kept.map { computer in
            LedgerEventDraft(
                eventType: LedgerEventType.deviceObserved, vendorID: 4, observedOn: snapshotDate,
                subject: computer["computerId"]?.stringValue, payload: LedgerPayload.threatLockerComputer(computer))
        }
        return LedgerRun(vendorID: 4, observedOn: snapshotDate, events: events, completion: completion())
    }

    private func completion() -> LedgerRun.Completion {
        LedgerRun.Completion(source: "api", startedAt: Date(), finishedAt: Date(), collectorVersion: "test")
    }
}
