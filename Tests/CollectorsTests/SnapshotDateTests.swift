import Collectors
import Foundation
import PostgresClient
import Testing

@Suite("Snapshot date")
struct SnapshotDateTests {
    /// 2025-03-02 04:30 UTC is still March 1st in Chicago (UTC−6) but March 2nd in Berlin.
    static let instant = Date(timeIntervalSince1970: 1_740_889_800)

    @Test("today is the day in INVENTORY_HUB_TZ, America/Chicago by default", arguments: [
        ([:], "2025-03-01"),
        (["INVENTORY_HUB_TZ": ""], "2025-03-01"),
        (["INVENTORY_HUB_TZ": "Europe/Berlin"], "2025-03-02"),
        (["INVENTORY_HUB_TZ": "UTC"], "2025-03-02"),
    ])
    func today(environment: [String: String], expected: String) throws {
        #expect(try SnapshotDate.today(environment: environment, now: Self.instant).description == expected)
    }

    @Test("an unknown zone name is an error naming the variable")
    func unknownZone() {
        #expect(throws: SnapshotDateError.unknownTimeZone("Mars/Olympus")) {
            try SnapshotDate.today(environment: ["INVENTORY_HUB_TZ": "Mars/Olympus"])
        }
        #expect("\(SnapshotDateError.unknownTimeZone("Mars/Olympus"))".contains("INVENTORY_HUB_TZ"))
    }

    @Test("--date takes real days written YYYY-MM-DD only", arguments: ["2025-02-30", "2025-3-1", "01/03/2025", "", "2025-13-01"])
    func invalidDates(text: String) {
        #expect(throws: SnapshotDateError.notADate(text)) { try SnapshotDate.parse(text) }
    }

    @Test("a valid --date is the snapshot date")
    func validDate() throws {
        #expect(try SnapshotDate.parse("2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
    }
}
