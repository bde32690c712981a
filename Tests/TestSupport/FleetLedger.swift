import Collectors
import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import VendorSimulators
import Vendors

/// Appendable collection runs for a generated fleet on any day, built by the collectors' own
/// `CollectionRunBuilder` (no HTTP in the way), with ways to alter a day for a test.
public struct FleetLedger: Sendable {
    public let generator: FleetGenerator

    public init(ninja: Int = 60, threatLocker: Int = 50, organizations: Int = 6, firstDay: CalendarDate = CalendarDate("2025-01-01")!) {
        generator = FleetGenerator(configuration: FleetConfiguration(
            ninjaDeviceCount: ninja, threatLockerComputerCount: threatLocker, organizationCount: organizations,
            firstDay: CivilDate(firstDay.description)!))
    }

    public func date(ofDay day: Int) -> CalendarDate {
        CalendarDate(generator.configuration.date(ofDay: day).description)!
    }

    /// - Parameter dropped: devices left out from the end of the list (a shorter correction run).
    public func ninjaRun(day: Int, dropping dropped: Int = 0) -> LedgerRun {
        let fleet = generator.fleet(onDay: day)
        let capture = NinjaOneCapture(
            devices: Array(fleet.ninjaDevices.dropLast(dropped)), organizations: fleet.organizations, locations: fleet.locations,
            customFields: fleet.customFields)
        return CollectionRunBuilder.run(from: capture, observedOn: date(ofDay: day), completion: completion())
    }

    /// - Parameter excluding: canonical keys of computers left out of the run (a device whose
    ///   agent "disappears" that day).
    public func threatLockerRun(day: Int, excluding: Set<String> = []) -> LedgerRun {
        let computers = generator.fleet(onDay: day).threatLockerComputers.filter { computer in
            guard let key = CanonicalKey(computer["hostname"]?.stringValue) else { return true }
            return !excluding.contains(key.value)
        }
        return CollectionRunBuilder.run(from: ThreatLockerCapture(computers: computers), observedOn: date(ofDay: day), completion: completion())
    }

    private func completion() -> LedgerRun.Completion {
        CollectionRunBuilder.completion(source: "api", startedAt: Date(), finishedAt: Date())
    }
}
