import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import Projections
import TestSupport
import Testing

@Suite("The seed's common queries on projected data")
struct CommonQueriesTests {
    @Test("the four common queries return the counts the fleet implies")
    func commonQueries() throws {
        let database = try TestDatabase.create("commonqueries")
        defer { database.drop() }
        let session = try database.session()
        let today = try session.query("SELECT CURRENT_DATE")[0].decode(CalendarDate.self, 0)
        let fleet = FleetLedger(ninja: 80, threatLocker: 70, organizations: 6, firstDay: today.adding(days: -2))
        let ledger = Ledger(session: session)
        var expected: [String: Int] = [:]  // "date|vendor" → projected devices
        var duplicates = 0
        for day in 0..<3 {
            let runs = [fleet.ninjaRun(day: day), fleet.threatLockerRun(day: day)]
            for run in runs {
                try ledger.append(run)
                let rows = run.events.compactMap { event -> DeviceSnapshotRow? in
                    let payload = try! JSONParser.parse(event.payload)
                    return run.vendorID == 3 ? NinjaOneMapping.row(from: payload) : ThreatLockerMapping.row(from: payload)
                }
                expected["\(fleet.date(ofDay: day))|\(run.vendorID!)"] = Set(rows.map(\.vendorDeviceKey)).count
                if day == 2, run.vendorID == 4 {
                    let hosts = Dictionary(grouping: rows, by: { ($0.hostname ?? "").split(separator: ".").first.map { $0.lowercased() } ?? "" })
                    duplicates = hosts.values.filter { $0.count > 1 }.count
                }
            }
        }
        _ = try ProjectionEngine(session: session).catchUp()

        let perDay = try session.query(PostgresQuery(unsafeSQL: SeedCommonQueries.devicesPerVendorPerDay))
        var actual: [String: Int] = [:]
        for row in perDay { actual["\(try row.decode(CalendarDate.self, 0))|\(try row.decode(Int.self, 1))"] = try row.decode(Int.self, 2) }
        #expect(actual == expected)
        #expect(try perDay[0].decode(CalendarDate.self, 0) == today)

        let duplicateRows = try session.query(PostgresQuery(unsafeSQL: SeedCommonQueries.threatLockerDuplicates))
        #expect(duplicateRows.count == duplicates)
        #expect(duplicates > 0, "the simulated fleet has duplicated ThreatLocker hostnames")

        let unresolved = try session.query(PostgresQuery(unsafeSQL: SeedCommonQueries.unresolvedExceptions))
        #expect(unresolved.count == (try session.query("SELECT count(*) FROM exceptions WHERE NOT resolved")[0].decode(Int.self, 0)))
        #expect(unresolved.count > 0)

        let latest = try session.query(PostgresQuery(unsafeSQL: SeedCommonQueries.latestDeviceCounts))
        #expect(latest.count == 2)
        for row in latest {
            let vendor = try row.decode(Int.self, 1)
            #expect(try row.decode(Int.self, 2) == expected["\(today)|\(vendor)"])
            #expect(try row.decode(Int.self, 3) == 6, "six client sites per vendor")
        }
    }
}
