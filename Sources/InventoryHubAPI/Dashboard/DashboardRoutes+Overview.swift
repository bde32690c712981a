import Foundation
import Hummingbird
import InventoryRules
import PostgresClient
import Projections

extension DashboardRoutes {
    /// Freshness per vendor, devices per vendor over the retained days, open exceptions per
    /// type, the newest change log and failed jobs.
    func overview(_ session: PostgresSession, _ context: APIRequestContext) throws -> Response {
        let status = try StatusQuery().read(session)
        var html = "<section class=\"cards\">"
        for vendor in status.vendors {
            let freshness = Freshness(lastRun: vendor.lastRunRecordedAt, now: Date())
            let state: String
            switch freshness.state {
            case .fresh: state = "<span class=\"fresh\">fresh</span>"
            case .stale: state = "<span class=\"stale\">STALE — last run \(String(format: "%.0f", freshness.hoursSinceLastRun ?? 0)) h ago</span>"
            case .never: state = "<span class=\"never\">never collected</span>"
            }
            html += "<div class=\"card\"><div class=\"muted\">\(HTMLText.escape(vendor.vendor.displayName))</div><div class=\"big\">\(vendor.deviceCount)</div>"
            html += "<div>devices on \(vendor.newestSnapshotDate.map { $0.description } ?? "—")</div><div>\(state)</div>"
            if let recorded = vendor.lastRunRecordedAt { html += "<div class=\"muted\">last run \(HTMLText.escape(DashboardTime.text(recorded))) (\(HTMLText.escape(vendor.lastRunSource ?? "?")))</div>" }
            html += "</div>"
        }
        let lagging = status.projections.filter { $0.lag > 0 || $0.storedVersion != $0.codeVersion }
        html += "<div class=\"card\"><div class=\"muted\">Projections</div><div class=\"big\">\(lagging.isEmpty ? "up to date" : "\(lagging.count) behind")</div>"
        html += "<div class=\"muted\">ledger head seq \(status.headSeq)</div></div></section>"

        let perDay = try CountsQuery.devicesPerDay(session)
        let series = Vendor.allCases.map { vendor in
            SVGChart.Series(name: vendor.displayName, colorClass: vendor == .ninja ? "ninja" : "threatlocker",
                            points: perDay.filter { $0.vendor == vendor }.map { ($0.date.description, $0.devices) })
        }
        html += "<section class=\"panel\"><h2>Devices per vendor, retained days</h2>\(SVGChart.lines(series, title: "Devices per vendor per day"))</section>"
        let open = ExceptionType.allCases.map { ($0.rawValue, status.openExceptions[$0.rawValue] ?? 0) }
        html += "<section class=\"panel\"><h2>Open exceptions per type</h2>\(SVGChart.bars(open, title: "Open exceptions per type"))"
        html += "<p><a href=\"/exceptions\">Work the queue</a></p></section>"

        if let newest = try ChangeLogQuery.newestDate(session) {
            let rows = try ChangeLogQuery(from: newest, to: newest, changesOnly: true).rows(session).map { row in
                [HTMLText.escape(row.vendor.displayName), HTMLText.escape(row.metric), "\(row.previous)", "\(row.new)", String(format: "%+d", row.delta)]
            }
            html += "<section class=\"panel\"><h2>Change log of \(newest)</h2><p class=\"muted\">\(DashboardPage.downloads("/api/change-log", ["from": newest.description, "to": newest.description, "limit": "1000"]))</p>\(DashboardPage.table(["Vendor", "Metric", "Previous", "New", "Change"], rows))</section>"
        }
        let failed = status.failedJobs.map { job in
            [HTMLText.escape(job.jobName), HTMLText.escape(job.endedAt.map(DashboardTime.text) ?? "—"), "<span class=\"warn\">\(HTMLText.escape(job.error ?? ""))</span>"]
        }
        html += "<section class=\"panel\"><h2>Failed jobs, last 24 hours</h2>\(DashboardPage.table(["Job", "Ended", "Error"], failed))</section>"
        return DashboardPage.render(title: "Overview", active: "/", context: context, body: html)
    }
}

/// Times as people on the dashboard read them: in `INVENTORY_HUB_TZ` (default America/Chicago).
enum DashboardTime {
    static let zone = TimeZone(identifier: ProcessInfo.processInfo.environment["INVENTORY_HUB_TZ"] ?? "America/Chicago") ?? .current

    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: date)
    }
}
