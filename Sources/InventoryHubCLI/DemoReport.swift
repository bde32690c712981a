import Foundation
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
        guard let newest = try session.query("SELECT max(snapshot_date) FROM daily_counts")[0].decode(CalendarDate?.self, 0) else { return }
        heading("devices per vendor and client on \(newest)")
        let rows = try session.query("""
            SELECT v.name, s.name, sum(c.cnt)::int, sum(c.cnt) FILTER (WHERE b.code = 'billable')::int
            FROM daily_counts c JOIN vendor v ON v.id = c.vendor_id JOIN site s ON s.id = c.site_id JOIN billing_status b ON b.id = c.billing_status_id
            WHERE c.snapshot_date = \(newest) GROUP BY v.name, s.name ORDER BY v.name, s.name
            """)
        Swift.print("vendor        client                          devices  billable")
        for row in rows {
            Swift.print(pad(try row.decode(String.self, 0), 13) + " " + pad(try row.decode(String.self, 1), 31)
                + String(format: " %7d  %8d", try row.decode(Int.self, 2), try row.decode(Int?.self, 3) ?? 0))
        }
    }

    static func exceptions(_ session: PostgresSession) throws {
        heading("open exceptions by type")
        let rows = try session.query("""
            SELECT type, count(*)::int, string_agg(hostname, ', ' ORDER BY hostname) FILTER (WHERE rn <= 3)
            FROM (SELECT type, hostname, row_number() OVER (PARTITION BY type ORDER BY hostname) AS rn FROM exceptions WHERE NOT resolved) e
            GROUP BY type ORDER BY type
            """)
        for row in rows {
            Swift.print(pad(try row.decode(String.self, 0), 22) + String(format: " %5d", try row.decode(Int.self, 1))
                + "   e.g. " + (try row.decode(String?.self, 2) ?? ""))
        }
        if rows.isEmpty { Swift.print("none") }
    }

    /// The counts of each month's last snapshot date, keyed by the month's last calendar day.
    /// The current month has not ended: its column is headed by the newest snapshot date it
    /// counts, marked `*`, so a month to date never passes for a closed month.
    static func monthEnds(_ session: PostgresSession) throws {
        heading("month-end billable NinjaOne devices per client (last three months)")
        let months = try session.query("SELECT DISTINCT month_end_date FROM month_end_counts ORDER BY 1 DESC LIMIT 3")
            .map { try $0.decode(CalendarDate.self, 0) }.reversed()
        guard !months.isEmpty else { return }
        let newest = try session.query("SELECT max(snapshot_date) FROM daily_counts WHERE vendor_id = 3")[0].decode(CalendarDate?.self, 0)
        func toDate(_ monthEnd: CalendarDate) -> CalendarDate? { newest.flatMap { monthEnd > $0 ? $0 : nil } }
        let headers = months.map { month in toDate(month).map { "\($0)*" } ?? month.description }
        Swift.print(pad("client", 31) + headers.map { " " + String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined())
        let rows = try session.query("""
            SELECT s.name, m.month_end_date, sum(m.cnt)::int FROM month_end_counts m
            JOIN site s ON s.id = m.site_id JOIN billing_status b ON b.id = m.billing_status_id
            WHERE m.vendor_id = 3 AND b.code = 'billable' AND m.month_end_date >= \(months.first!)
            GROUP BY s.name, m.month_end_date
            """)
        var table: [String: [CalendarDate: Int]] = [:]
        for row in rows { table[try row.decode(String.self, 0), default: [:]][try row.decode(CalendarDate.self, 1)] = try row.decode(Int.self, 2) }
        for client in table.keys.sorted() {
            Swift.print(pad(client, 31) + months.map { " " + String(format: "%11d", table[client]?[$0] ?? 0) }.joined())
        }
        if let month = months.last, let newest = toDate(month) {
            Swift.print("* \(month.description.prefix(7)) to date: the counts of \(newest), the newest snapshot (the month ends \(month))")
        }
    }

    static func changeLog(_ session: PostgresSession) throws {
        guard let newest = try session.query("SELECT max(change_date) FROM change_log")[0].decode(CalendarDate?.self, 0) else { return }
        heading("change log of \(newest)")
        for row in try session.query("""
            SELECT v.name, c.metric, c.prev_value, c.new_value, c.delta FROM change_log c JOIN vendor v ON v.id = c.vendor_id
            WHERE c.change_date = \(newest) AND (c.delta <> 0 OR c.metric IN ('devices', 'billable')) ORDER BY v.name, c.metric
            """)
        {
            Swift.print(pad(try row.decode(String.self, 0), 13) + " " + pad(try row.decode(String.self, 1), 16)
                + String(format: " %6d → %6d  (%+d)", try row.decode(Int.self, 2), try row.decode(Int.self, 3), try row.decode(Int.self, 4)))
        }
    }

    static func auditOldestMonth(_ session: PostgresSession) throws {
        let bounds = try session.query("""
            SELECT min(observed_on), max(observed_on) FROM ledger_event WHERE event_type = 'collection_completed'
            """)[0]
        guard let first = try bounds.decode(CalendarDate?.self, 0), let last = try bounds.decode(CalendarDate?.self, 1) else { return }
        var month = first.day == 1 ? first : first.endOfMonth.adding(days: 1)
        guard month.endOfMonth <= last else { return }
        month = month.startOfMonth
        let retained = try session.query("SELECT min(snapshot_date) FROM device_snapshot")[0].decode(CalendarDate?.self, 0)
        heading("audit: replay \(month)…\(month.endOfMonth) from the ledger (live tables keep \(retained.map { "\($0)…" } ?? "nothing"))")
        let report = try Replayer(session: session).replay(.init(range: month...month.endOfMonth), into: "demo_replay", replace: true)
        func counts(_ schema: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try session.query(PostgresQuery(unsafeSQL: """
                SELECT m.vendor_id || '|' || s.vendor_site_key || '|' || m.device_type_id || '|' || m.billing_status_id, m.cnt
                FROM \(schema).month_end_counts m JOIN \(schema).site s ON s.id = m.site_id WHERE m.month_end_date = '\(month.endOfMonth)'
                """))
            {
                result[try row.decode(String.self, 0)] = try row.decode(Int.self, 1)
            }
            return result
        }
        let stored = try counts("public")
        let replayed = try counts("demo_replay")
        Swift.print("replayed \(report.rowCounts["device_snapshot"] ?? 0) snapshot rows in \(String(format: "%.2f", report.seconds)) s")
        Swift.print("month-end counts for \(month.endOfMonth): stored \(stored.values.reduce(0, +)) devices in \(stored.count) rows, "
            + "replayed \(replayed.values.reduce(0, +)) in \(replayed.count) rows — " + (stored == replayed ? "EQUAL" : "DIFFERENT"))
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
