import Collectors
import Foundation
import Ledger
import PostgresClient
import VendorSimulators
import Vendors

/// The benchmark's input: each day's collection runs for a generated fleet, built exactly as
/// the collectors build them (through `CollectionRunBuilder`), without HTTP in the way.
struct BenchFleet {
    let generator: FleetGenerator

    init(ninja: Int, threatLocker: Int) {
        generator = FleetGenerator(configuration: FleetConfiguration(
            ninjaDeviceCount: ninja, threatLockerComputerCount: threatLocker, organizationCount: 24))
    }

    func date(ofDay day: Int) -> CalendarDate { CalendarDate(generator.configuration.date(ofDay: day).description)! }

    func runs(day: Int) -> [LedgerRun] {
        let fleet = generator.fleet(onDay: day)
        let date = date(ofDay: day)
        let completion = CollectionRunBuilder.completion(source: "api", startedAt: Date(), finishedAt: Date())
        let ninja = NinjaOneCapture(
            devices: fleet.ninjaDevices, organizations: fleet.organizations, locations: fleet.locations, customFields: fleet.customFields)
        return [
            CollectionRunBuilder.run(from: ninja, observedOn: date, completion: completion),
            CollectionRunBuilder.run(from: ThreatLockerCapture(computers: fleet.threatLockerComputers), observedOn: date, completion: completion),
        ]
    }
}
