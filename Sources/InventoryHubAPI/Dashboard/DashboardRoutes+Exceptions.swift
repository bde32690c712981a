import Foundation
import Hummingbird
import InventoryJSON
import InventoryRules
import PostgresClient
import Projections

extension DashboardRoutes {
    /// The work queue: filter by type, client and status; a technician resolves one or many with a
    /// note; each row links to its device.
    func exceptions(_ request: Request, _ session: PostgresSession, _ context: APIRequestContext, notice: String?) throws -> Response {
        let parameters = RequestParameters(request)
        let page = try parameters.page()
        let type = try parameters.choice("type", ExceptionType.self)
        let status = try parameters.choice("status", ExceptionEpisodeQuery.Status.self) ?? .open
        let client = try parameters.text("client")
        let hostname = try parameters.text("hostname")
        var query = ExceptionEpisodeQuery(type: type, status: status, client: client, hostname: hostname)
        let total = try query.count(session)
        query.limit = page.limit
        query.offset = page.offset
        let rows = try query.rows(session)
        let canResolve = (context.identity?.role ?? .viewer) >= .technician

        // After a resolution the browser is sent here (POST, redirect, GET), so a reload posts nothing.
        let resolvedNotice = parameters.query["resolved"].flatMap(Int.init).map { "Resolved \($0) exception(s) as \(context.identity?.name ?? "?")." }
        var html = (notice ?? resolvedNotice).map { "<p class=\"notice\" role=\"status\">\(HTMLText.escape($0))</p>" } ?? ""
        html += "<form class=\"filters\" method=\"get\" action=\"/exceptions\">"
        html += "<label>Type<select name=\"type\"><option value=\"\">all types</option>"
        for option in ExceptionType.allCases { html += "<option\(option == type ? " selected" : "")>\(option.rawValue)</option>" }
        html += "</select></label><label>Status<select name=\"status\">"
        for option in ExceptionEpisodeQuery.Status.allCases { html += "<option\(option == status ? " selected" : "")>\(option.rawValue)</option>" }
        html += "</select></label><label>Client<input name=\"client\" value=\"\(HTMLText.escape(client ?? ""))\"></label>"
        html += "<label>Host<input name=\"hostname\" value=\"\(HTMLText.escape(hostname ?? ""))\"></label><button type=\"submit\">Filter</button>"
        var download = ["status": status.rawValue, "limit": "1000"]
        if let type { download["type"] = type.rawValue }
        if let client { download["client"] = client }
        if let hostname { download["hostname"] = hostname }
        html += " " + DashboardPage.downloads("/api/exceptions", download) + "</form>"
        html += "<p class=\"muted\">Variance report of the newest compared day: <a href=\"/api/variance-report/latest?format=pdf\">PDF</a> · "
        html += "<a href=\"/api/variance-report/latest?format=xlsx\">XLSX</a> · <a href=\"/api/variance-report/latest?format=csv\">CSV</a></p>"

        // The filters ride along, so the page after a resolution shows the same queue.
        let filters = DashboardPage.queryString(parameters.query.filter { $0.key != "resolved" })
        if canResolve { html += "<form method=\"post\" action=\"/exceptions/resolve\(HTMLText.escape(filters))\">\(DashboardPage.csrfField(context))" }
        let headers = (canResolve ? [""] : []) + ["Type", "Device key", "Client", "Found", "Last seen", "Status", "Devices"]
        var table = "<table id=\"exceptions\"><thead><tr>"
        if canResolve { table += "<th scope=\"col\"><input type=\"checkbox\" data-select-all aria-label=\"select all\"></th>" }
        for header in headers.dropFirst(canResolve ? 1 : 0) { table += "<th scope=\"col\">\(HTMLText.escape(header))</th>" }
        table += "</tr></thead><tbody>"
        for row in rows {
            table += "<tr data-id=\"\(row.id)\">"
            if canResolve {
                table += "<td>" + (row.resolution == nil ? "<input type=\"checkbox\" name=\"ids\" value=\"\(row.id)\" aria-label=\"select \(HTMLText.escape(row.hostname))\">" : "") + "</td>"
            }
            let state = row.resolution.map { $0 == "resolved" ? "resolved by \(row.resolvedBy ?? "?")" : $0 } ?? "open"
            table += "<td>\(row.type)</td><td>\(Self.deviceLinks(row))</td><td>\(HTMLText.escape(row.client ?? "—"))</td>"
            table += "<td>\(row.dateFound)</td><td>\(row.lastSeenDate)</td><td>\(HTMLText.escape(state))</td><td class=\"muted\">\(HTMLText.escape(Self.summary(row)))</td></tr>"
        }
        if rows.isEmpty { table += "<tr><td colspan=\"\(headers.count)\" class=\"empty\">No exceptions match.</td></tr>" }
        html += table + "</tbody></table>"
        if canResolve {
            html += "<div class=\"actions\"><label>Note (why it is resolved)<input name=\"note\" size=\"60\" maxlength=\"2000\"></label><button type=\"submit\" id=\"resolve\">Resolve selected</button></div></form>"
        }
        html += DashboardPage.pager(path: "/exceptions", query: parameters.query, page: page, total: total)
        return DashboardPage.render(title: "Exceptions", active: "/exceptions", context: context, body: html)
    }

    func resolve(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let form = try await DashboardForm.read(request, context)
        do {
            try form.requireCSRF(context)
            let identity = try context.require(.technician)
            let ids = (form.fields["ids"] ?? []).compactMap { Int($0) }
            guard !ids.isEmpty else {
                return try await page(request, context) { try exceptions(request, $0, context, notice: "Select at least one exception to resolve.") }
            }
            let note = form.value("note").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let resolved = try await services.pool.withSession { try ExceptionResolver(session: $0).resolve(ids: ids, by: identity.name, note: note) }
            var query = RequestParameters(request).query.filter { $0.key != "resolved" }
            query["resolved"] = String(resolved.count)
            return Response(status: .seeOther, headers: [.location: "/exceptions" + DashboardPage.queryString(query)])
        } catch let error as APIError {
            return DashboardPage.error(status: error.status, error.message)
        } catch let failure as ExceptionResolver.Failure {
            return try await page(request, context) { try exceptions(request, $0, context, notice: failure.description) }
        }
    }

    /// Links to the device pages of an episode's devices (from its newest day's details).
    static func deviceLinks(_ row: ExceptionEpisodeRow) -> String {
        let details = row.details.flatMap { try? JSONParser.parse($0) }
        var links: [String] = []
        for (field, vendor) in [("ninja", "ninja"), ("threatLocker", "threatlocker")] {
            for device in details?[field]?.arrayValue ?? [] {
                guard let key = device["vendorDeviceKey"]?.stringValue else { continue }
                let label = device["hostname"]?.stringValue ?? key
                links.append("<a href=\"/devices/\(vendor)/\(HTMLText.query(key))\">\(HTMLText.escape(label))</a>")
            }
        }
        return links.isEmpty ? HTMLText.escape(row.hostname) : "<strong>\(HTMLText.escape(row.hostname))</strong><br>" + links.joined(separator: ", ")
    }

    static func summary(_ row: ExceptionEpisodeRow) -> String {
        let details = row.details.flatMap { try? JSONParser.parse($0) }
        let ninja = details?["ninja"]?.arrayValue?.count ?? 0, threatLocker = details?["threatLocker"]?.arrayValue?.count ?? 0
        return "NinjaOne \(ninja), ThreatLocker \(threatLocker)"
    }
}
