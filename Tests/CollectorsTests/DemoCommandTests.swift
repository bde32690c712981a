import Foundation
import PostgresClient
import TestSupport
import Testing

/// `inventory-hub demo` as a newcomer runs it with its output sent to files: a clean log,
/// and a report that never passes a month to date for a closed month.
@Suite("inventory-hub demo")
struct DemoCommandTests {
    @Test("with stderr in a file: plain progress lines, no carriage return, no error logged; the current month is marked to date")
    func redirected() async throws {
        let database = try TestDatabase.create("democli", migrated: false)
        defer { database.drop() }
        let zone = "America/Chicago"
        let run = try await InventoryHubProcess.run(
            ["demo", "--days", "3", "--ninja-devices", "30", "--threat-locker-devices", "20"],
            environment: ["DB_DSN": database.conninfo, "INVENTORY_HUB_TZ": zone])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("\r") && !run.stdout.contains("\r"))
        #expect(run.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("collect ") }, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("collect 100% (3/3)\n"), "\(run.stderr)")

        // The newest snapshot is today (in the zone, read after the run so a midnight in between
        // cannot fail it): a month that ends later is shown as to date.
        let today = CalendarDate(Date(), in: TimeZone(identifier: zone)!)
        let monthEnds = try #require(run.stdout.components(separatedBy: "== month-end").dropFirst().first)
        let header = try #require(monthEnds.split(separator: "\n").first { $0.hasPrefix("client ") })
        if today != today.endOfMonth {
            #expect(header.hasSuffix(" \(today)*") && !header.contains(today.endOfMonth.description), "\(header)")
            #expect(monthEnds.contains("* \(today.description.prefix(7)) to date: the counts of \(today)"), "\(monthEnds)")
        } else {
            #expect(header.hasSuffix(" \(today)") && !monthEnds.contains("to date"), "\(monthEnds)")
        }
    }
}
