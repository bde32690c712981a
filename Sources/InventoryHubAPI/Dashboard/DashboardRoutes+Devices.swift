import Foundation
import Hummingbird
import InventoryJSON
import InventoryRules
import PostgresClient
import Projections

extension DashboardRoutes {
    func devices(_ request: Request, _ session: PostgresSession, _ context: APIRequestContext) throws -> Response {
        let parameters = RequestParameters(request)
        let page = try parameters.page()
        let text = try parameters.text("q")
        let client = try parameters.text("client")
        let coverage = try parameters.choice("coverage", DeviceQuery.Coverage.self)
        var html = "<form class=\"filters\" method=\"get\" action=\"/devices\"><label>Key, hostname or display name<input name=\"q\" value=\"\(HTMLText.escape(text ?? ""))\" autofocus></label>"
        html += "<label>Client<input name=\"client\" value=\"\(HTMLText.escape(client ?? ""))\"></label><label>Coverage<select name=\"coverage\"><option value=\"\">any</option>"
        for option in DeviceQuery.Coverage.allCases { html += "<option\(option == coverage ? " selected" : "")>\(option.rawValue)</option>" }
        html += "</select></label><button type=\"submit\">Search</button></form>"
        guard let date = try DeviceQuery.newestDate(session) else {
            return DashboardPage.render(title: "Devices", active: "/devices", context: context, body: html + "<p>No day is projected yet.</p>")
        }
        var query = DeviceQuery(date: date, client: client, text: text, coverage: coverage)
        query.limit = page.limit
        query.offset = page.offset
        let (total, groups) = try query.page(session)
        let rows = groups.map { group -> [String] in
            func records(_ vendor: Vendor) -> String {
                group.devices.filter { $0.vendor == vendor }.map { device in
                    "<a href=\"/devices/\(vendor == .ninja ? "ninja" : "threatlocker")/\(HTMLText.query(device.vendorDeviceKey))\">\(HTMLText.escape(device.hostname ?? device.vendorDeviceKey))</a> <span class=\"muted\">\(HTMLText.escape(device.client))</span>"
                }.joined(separator: "<br>")
            }
            let ninja = records(.ninja), threatLocker = records(.threatLocker)
            return [HTMLText.escape(group.key), ninja.isEmpty ? "<span class=\"warn\">—</span>" : ninja, threatLocker.isEmpty ? "<span class=\"warn\">—</span>" : threatLocker]
        }
        var download = ["date": date.description, "limit": "1000", "offset": String(page.offset)]
        if let client { download["client"] = client }
        if let text { download["q"] = text }
        if let coverage { download["coverage"] = coverage.rawValue }
        html += "<p class=\"muted\">Devices on \(date), grouped by canonical key. \(DashboardPage.downloads("/api/devices", download)) (one row per vendor record, 1,000 groups a file).</p>"
        html += DashboardPage.table(["Canonical key", "NinjaOne", "ThreatLocker"], rows)
        html += DashboardPage.pager(path: "/devices", query: parameters.query, page: page, total: total)
        return DashboardPage.render(title: "Devices", active: "/devices", context: context, body: html)
    }

    /// Both vendors' records side by side, why they match, the timeline from the ledger.
    func device(_ request: Request, _ session: PostgresSession, _ context: APIRequestContext) throws -> Response {
        let vendorText = try context.parameters.segment("vendor")
        guard let vendor = Vendor(apiName: vendorText) else { throw APIError.badParameter("vendor", "must be ninja or threatlocker") }
        let key = try context.parameters.segment("key")
        guard let device = try DeviceHistoryQuery(vendor: vendor, vendorDeviceKey: key).read(session) else {
            throw APIError.notFound("No \(vendor.displayName) device has the key \(key).")
        }
        func fields(_ json: String?) -> String {
            guard let json, case .object(let object)? = try? JSONParser.parse(json) else { return "<p class=\"muted\">Not in the live tables.</p>" }
            let hidden: Set<String> = ["id", "device_identity_id", "site_id", "device_type_id", "billing_status_id", "match_keys", "windows_11_24h2_deficiencies"]
            var html = "<dl class=\"fields\">"
            for (name, value) in object.sorted(by: { $0.key < $1.key }) where !hidden.contains(name) && value != .null {
                html += "<dt>\(HTMLText.escape(name))</dt><dd>\(HTMLText.escape(value.stringValue ?? CanonicalJSONWriter.string(value)))</dd>"
            }
            return html + "</dl>"
        }
        var html = "<p>\(HTMLText.escape(vendor.displayName)) key <code>\(HTMLText.escape(key))</code> · client \(HTMLText.escape(device.client ?? "—")) · first seen \(device.firstSeen?.description ?? "—") · last seen \(device.lastSeen?.description ?? "—")</p>"
        html += "<div class=\"side\"><section class=\"panel\"><h2>\(HTMLText.escape(vendor.displayName)) on \(device.date?.description ?? "—")</h2>\(fields(device.snapshot))</section>"
        html += "<section class=\"panel\"><h2>The other vendor</h2>"
        if device.matches.isEmpty {
            html += "<p class=\"warn\">No device of the other vendor shares a key with it on that day.</p>"
        } else {
            for match in device.matches {
                let why = match.field.map { "its \($0) and \(match.vendor.displayName)'s \(match.otherField ?? "?") both give the key <code>\(HTMLText.escape(match.key ?? ""))</code>" } ?? "they share a canonical key"
                html += "<p><a href=\"/devices/\(match.vendor == .ninja ? "ninja" : "threatlocker")/\(HTMLText.query(match.vendorDeviceKey))\">\(HTMLText.escape(match.hostname ?? match.vendorDeviceKey))</a> (\(HTMLText.escape(match.vendor.displayName)), \(HTMLText.escape(match.client))): matched because \(why).</p>"
            }
        }
        html += "</section></div><section class=\"panel\"><h2>Timeline from the ledger</h2><ol class=\"timeline\">"
        for day in device.history.reversed().prefix(120) {
            let changes = day.changes.map { "\($0.field): \($0.from ?? "—") → \($0.to ?? "—")" }.joined(separator: "; ")
            html += "<li><strong>\(day.date)</strong> <span class=\"muted\">seq \(day.seq)</span> \(HTMLText.escape(changes.isEmpty ? (day == device.history.first ? "first observed" : "observed, no change") : changes))</li>"
        }
        html += "</ol></section>"
        return DashboardPage.render(title: device.snapshot.flatMap { (try? JSONParser.parse($0))?["hostname"]?.stringValue } ?? key, active: "/devices", context: context, body: html)
    }
}
