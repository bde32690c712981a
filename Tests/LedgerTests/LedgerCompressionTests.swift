import Collectors
import Foundation
import Ledger
import PostgresClient
import TestSupport
import Testing
import VendorSimulators
import Vendors

@Suite("Ledger compression on simulator payloads")
struct LedgerCompressionTests {
    @Test("NinjaOne payloads of ~2.5 KB are stored at least 4× smaller with the vendor dictionary")
    func dictionaryRatio() throws {
        let database = try TestDatabase.create("ledgercompression")
        defer { database.drop() }
        let session = try database.session()
        let generator = FleetGenerator(configuration: FleetConfiguration(ninjaDeviceCount: 1_500, threatLockerComputerCount: 1_300))
        let completion = CollectionRunBuilder.completion(source: "api", startedAt: Date(), finishedAt: Date())
        var results: [LedgerAppendResult] = []
        for day in 0..<2 {
            let fleet = generator.fleet(onDay: day)
            let capture = NinjaOneCapture(
                devices: fleet.ninjaDevices, organizations: fleet.organizations, locations: fleet.locations, customFields: fleet.customFields)
            results.append(try Ledger(session: session).append(
                CollectionRunBuilder.run(from: capture, observedOn: CalendarDate("2025-01-0\(day + 1)")!, completion: completion)))
        }
        let raw = Double(results.map(\.rawBytes).reduce(0, +))
        let stored = Double(results.map(\.storedBytes).reduce(0, +))
        #expect(raw / Double(results.map(\.eventCount).reduce(0, +)) > 2_000, "payloads are of the realistic size")
        #expect(raw / stored >= 4, "ratio \(raw / stored)")
        #expect(results[0].dictionaryID != nil && results[0].dictionaryID == results[1].dictionaryID, "one immutable dictionary per vendor")
        #expect(try LedgerVerifier(session: session).verify().isIntact)
    }
}
