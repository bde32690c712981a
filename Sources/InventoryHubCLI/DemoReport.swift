import Foundation
import InventoryRules
import Ledger
import PostgresClient
import Projections

/// What the demo shows once the history is in: the reports an MSP reads each morning, and
/// the audit of a month the live tables no longer hold.
struct DemoReport {
    let connection: PostgresConnection

    func print() async throws {
        try await connection.withSession { session in
            try Self.devicesPerClient(session)
            try Self.exceptions(session)
            try Self.monthEnds(session)
            try Self.changeLog(session)
            try Self.auditOldestMonth(session)
            try Self.verify(session)
        }
    }

    private static func heading(_ text: String) {
        Swift.print("\n== \(text)")
    }

    static func devicesPerClient(_ session: PostgresSession) throws {
        guard let newest = try StatusQuery.newestSnapshotDate(session) else { return }
        heading("devices per vendor and client on \(newest) (clients by canonical name)")
        let rows = try CountsQuery(table: .daily, from: newest, to: newest).rows(session)
        Swift.print("vendor        client                          devices  billable")
        for row in rows.sorted(by: { ($0.vendor.name, $0.client) < ($1.vendor.name, $1.client) }) {
            Swift.print(pad(row.vendor.name, 13) + " " + pad(row.client, 31) + String(format: " %7d  %8d", row.devices, row.billable))
        }
    }

    static func exceptions(_ session: PostgresSession) throws {
        heading("open exceptions by type")
        let open = try ExceptionEpisodeQuery(status: .open).rows(session)
        let byType = Dictionary(grouping: open, by: \.type)
        for type in byType.keys.sorted() {
            let keys = byType[type]!.map(\.hostname).sorted()
            Swift.print(pad(type, 22) + String(format: " %5d", keys.count) + "   e.g. " + keys.prefix(3).joined(separator: ", "))
        }
        if open.isEmpty { Swift.print("none") }
    }

    /// The counts of each month's last snapshot date, keyed by the month's last calendar day.
    /// The current month has not ended: its column is headed by the newest snapshot date it
    /// counts, marked `*`, so a month to date never passes for a closed month.
    static func monthEnds(_ session: PostgresSession) throws {
        heading("month-end billable NinjaOne devices per client (last three months)")
        let rows = try CountsQuery(table: .monthEnd, vendor: .ninja).rows(session)
        let months = Array(Set(rows.map(\.date)).sorted().suffix(3))
        guard !months.isEmpty else { return }
        let newest = try StatusQuery.newestSnapshotDate(session, vendor: .ninja)
        func toDate(_ monthEnd: CalendarDate) -> CalendarDate? { newest.flatMap { monthEnd > $0 ? $0 : nil } }
        let headers = months.map { month in toDate(month).map { "\($0)*" } ?? month.description }
        Swift.print(pad("client", 31) + headers.map { " " + String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined())
        var table: [String: [CalendarDate: Int]] = [:]
        for row in rows where months.contains(row.date) { table[row.client, default: [:]][row.date, default: 0] += row.billable }
        for client in table.keys.sorted() {
            Swift.print(pad(client, 31) + months.map { " " + String(format: "%11d", table[client]?[$0] ?? 0) }.joined())
        }
        if let month = months.last, let newest = toDate(month) {
            Swift.print("* \(month.description.prefix(7)) to date: the counts of \(newest), the newest snapshot (the month ends \(month))")
        }
    }

    static func changeLog(_ session: PostgresSession) throws {
        guard let newest = try ChangeLogQuery.newestDate(session) else { return }
        heading("change log of \(newest)")
        let rows = try ChangeLogQuery(from: newest, to: newest, changesOnly: true).rows(session)
        for row in rows.sorted(by: { ($0.vendor.name, $0.metric) < ($1.vendor.name, $1.metric) }) {
            Swift.print(pad(row.vendor.name, 13) + " " + pad(row.metric, 16) + String(format: " %6d → %6d  (%+d)", row.previous, row.new, row.delta))
        }
    }

    static func auditOldestMonth(_ session: PostgresSession) throws {
        guard let collected = try StatusQuery.collectedDateRange(session) else { return }
        let (first, last) = (collected.lowerBound, collected.upperBound)
        var month = first.day == 1 ? first : first.endOfMonth.adding(days: 1)
        guard month.endOfMonth <= last else { return }
        month = month.startOfMonth
        let retained = try StatusQuery.oldestSnapshotDate(session)
        heading("audit: replay \(month)…\(month.endOfMonth) from the ledger (live tables keep \(retained.map { "\($0)…" } ?? "nothing"))")
        let report = try Replayer(session: session).replay(.init(range: month...month.endOfMonth), into: "demo_replay", replace: true)
        // The same query on the replayed schema and on the live one.
        func counts(_ schema: String) throws -> [CountsRow] {
            try session.transaction {
                try session.query("SELECT set_config('search_path', \(PostgresQuery.quoteIdentifier(schema) + ", public"), true)")
                return try CountsQuery(table: .monthEnd, from: month.endOfMonth, to: month.endOfMonth).rows(session)
            }
        }
        let stored = try counts("public")
        let replayed = try counts("demo_replay")
        Swift.print("replayed \(report.rowCounts["device_snapshot"] ?? 0) snapshot rows in \(String(format: "%.2f", report.seconds)) s")
        Swift.print("month-end counts for \(month.endOfMonth): stored \(stored.map(\.devices).reduce(0, +)) devices in \(stored.count) rows, "
            + "replayed \(replayed.map(\.devices).reduce(0, +)) in \(replayed.count) rows — " + (stored == replayed ? "EQUAL" : "DIFFERENT"))
        try session.execute("DROP SCHEMA demo_replay CASCADE")
    }

    static func verify(_ session: PostgresSession) throws {
        heading("verify")
        guard let log = LedgerDigestLog.configured else {
            let report = try LedgerVerifier(session: session).verify()
            Swift.print(report.isIntact ? "ledger chain consistent: \(report.verifiedCount) events (no digest folder configured)" : "ledger NOT intact at seq \(report.firstBadSeq ?? 0): \(report.reason ?? "")")
            return
        }
        let digested = try LedgerVerifier(session: session).verify(digests: log)
        let report = digested.chain
        if !report.isIntact {
            Swift.print("ledger NOT intact at seq \(report.firstBadSeq ?? 0): \(report.reason ?? "")")
        } else if digested.isProven {
            Swift.print("ledger intact: \(report.verifiedCount) events, \(Int(report.eventsPerSecond)) events/s; \(digested.digests.checked) digests in \(log.folder.path) hold")
        } else {
            Swift.print("ledger chain consistent: \(report.verifiedCount) events; digests \(digested.digests.status.rawValue) in \(log.folder.path)")
            for failure in digested.digests.failures.prefix(3) { Swift.print("  \(failure.file):\(failure.line) seq \(failure.seq.map(String.init) ?? "?"): \(failure.message)") }
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
