import Foundation
import Hummingbird
import InventoryJSON
import InventoryRules
import PostgresClient
import Projections

extension DashboardRoutes {
    /// Client × vendor counts with the gaps highlighted; each cell links to its devices.
    func coverage(_ request: Request, _ session: PostgresSession, _ context: APIRequestContext) throws -> Response {
        guard let date = try RequestParameters(request).date("date") ?? CoverageQuery.newestDate(session) else {
            return DashboardPage.render(title: "Coverage", active: "/coverage", context: context, body: "<p>No day holds both vendors yet.</p>")
        }
        func link(_ client: String, _ coverage: String, _ count: Int, gap: Bool) -> String {
            let cell = "<a href=\"/devices?client=\(HTMLText.query(client))&amp;coverage=\(coverage)\">\(count)</a>"
            return gap && count > 0 ? "<span class=\"warn\">\(cell)</span>" : cell
        }
        let rows = try CoverageQuery(date: date).rows(session).map { row in
            [HTMLText.escape(row.client), "\(row.ninja)", "\(row.threatLocker)", "\(row.matchedNinja)",
             link(row.client, "ninja_only", row.ninjaOnly, gap: true), link(row.client, "threatlocker_only", row.threatLockerOnly, gap: true)]
        }
        var html = "<p class=\"muted\">\(date). A device counts under its own vendor's client; matched means the other vendor has a device with one of its keys. \(DashboardPage.downloads("/api/coverage", ["date": date.description]))</p>"
        html += DashboardPage.table(["Client", "NinjaOne", "ThreatLocker", "Matched", "NinjaOne only (no ThreatLocker)", "ThreatLocker only (not in NinjaOne)"], rows)
        return DashboardPage.render(title: "Coverage", active: "/coverage", context: context, body: html)
    }

    /// Month-end counts per client across months, as a chart and a table.
    func billing(_ request: Request, _ session: PostgresSession, _ context: APIRequestContext) throws -> Response {
        let vendor = try RequestParameters(request).vendor() ?? .ninja
        let rows = try CountsQuery(table: .monthEnd, vendor: vendor).rows(session)
        let months = Array(Set(rows.map(\.date)).sorted().suffix(12))
        var totals: [String: Int] = [:]
        for row in rows where months.contains(row.date) { totals[row.date.description, default: 0] += row.billable }
        let chart = SVGChart.lines(
            [SVGChart.Series(name: "billable \(vendor.displayName) devices", colorClass: vendor == .ninja ? "ninja" : "threatlocker", points: totals.map { ($0.key, $0.value) })],
            title: "Billable devices per month end")
        var byClient: [String: [CalendarDate: CountsRow]] = [:]
        for row in rows where months.contains(row.date) { byClient[row.client, default: [:]][row.date] = row }
        let table = byClient.keys.sorted().map { client -> [String] in
            [HTMLText.escape(client)] + months.map { month in
                guard let row = byClient[client]?[month] else { return "—" }
                return "\(row.billable)<span class=\"muted\"> · spare \(row.spare) · srv \(row.servers) · ws \(row.workstations)</span>"
            }
        }
        var html = "<p><a href=\"/billing?vendor=ninja\">NinjaOne</a> · <a href=\"/billing?vendor=threatlocker\">ThreatLocker</a> · \(DashboardPage.downloads("/api/counts/month-end", ["vendor": vendor.apiName, "limit": "1000"]))</p>"
        html += "<section class=\"panel\">\(chart)</section>"
        html += "<section class=\"panel\"><h2>Billable per client (spare, servers, workstations)</h2>\(DashboardPage.table(["Client"] + months.map(\.description), table))</section>"
        return DashboardPage.render(title: "Billing: month-end counts", active: "/billing", context: context, body: html)
    }

    /// Per client, per requirement, and the devices with their remediation.
    func windows11(_ request: Request, _ session: PostgresSession, _ context: APIRequestContext) throws -> Response {
        let parameters = RequestParameters(request)
        let page = try parameters.page()
        let client = try parameters.text("client")
        guard let date = try Windows11Query.newestDate(session) else {
            return DashboardPage.render(title: "Windows 11 24H2", active: "/windows-11", context: context, body: "<p>No NinjaOne day yet.</p>")
        }
        var query = Windows11Query(date: date, client: client)
        let clients = try query.clients(session).map { row in
            ["<a href=\"/windows-11?client=\(HTMLText.query(row.client))\">\(HTMLText.escape(row.client))</a>", "\(row.capable)", row.notCapable > 0 ? "<span class=\"warn\">\(row.notCapable)</span>" : "0"]
        }
        let requirements = try query.requirements(session).sorted { $0.value > $1.value }
        let total = try query.notCapableCount(session)
        query.limit = page.limit
        query.offset = page.offset
        let devices = try query.devices(session).map { device -> [String] in
            let deficiencies = (device.deficiencies.flatMap { try? JSONParser.parse($0) }?.arrayValue ?? []).map { item in
                "<strong>\(HTMLText.escape(item["requirement"]?.stringValue ?? ""))</strong> (\(HTMLText.escape(item["currentValue"]?.stringValue ?? ""))): \(HTMLText.escape(item["remediation"]?.stringValue ?? ""))"
            }.joined(separator: "<br>")
            return ["<a href=\"/devices/ninja/\(HTMLText.query(device.vendorDeviceKey))\">\(HTMLText.escape(device.hostname ?? device.vendorDeviceKey))</a>", HTMLText.escape(device.client), HTMLText.escape(device.cpuModel ?? "—"), deficiencies]
        }
        var html = "<p class=\"muted\">NinjaOne Windows workstations on \(date)\(client.map { " · client \(HTMLText.escape($0)) · <a href=\"/windows-11\">all clients</a>" } ?? "").</p>"
        html += "<div class=\"side\"><section class=\"panel\"><h2>Per client</h2>\(DashboardPage.table(["Client", "Capable", "Not capable"], clients))</section>"
        html += "<section class=\"panel\"><h2>Failures per requirement</h2>\(SVGChart.bars(requirements.map { ($0.key, $0.value) }, title: "Devices failing each requirement"))</section></div>"
        var download = ["date": date.description, "limit": "1000", "offset": String(page.offset)]
        if let client { download["client"] = client }
        html += "<section class=\"panel\"><h2>Devices that are not capable</h2><p class=\"muted\">\(DashboardPage.downloads("/api/windows-11", download))</p>\(DashboardPage.table(["Device", "Client", "CPU", "Deficiencies and remediation"], devices))"
        html += DashboardPage.pager(path: "/windows-11", query: parameters.query, page: page, total: total) + "</section>"
        return DashboardPage.render(title: "Windows 11 24H2", active: "/windows-11", context: context, body: html)
    }
}
