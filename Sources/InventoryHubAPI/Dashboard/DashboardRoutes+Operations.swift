import Collectors
import Foundation
import Hummingbird
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import Projections
import ReportWriters

extension DashboardRoutes {
    /// Collections, catch-ups, rebuilds and verifications with progress, refreshing while one
    /// runs; an admin starts a collection here.
    func jobs(_ session: PostgresSession, _ context: APIRequestContext, notice: String?) throws -> Response {
        let batches = try JobQuery(limit: 50).batches(session)
        let running = batches.contains { $0.status == "running" || $0.status == "queued" }
        var html = notice.map { "<p class=\"notice\" role=\"status\">\(HTMLText.escape($0))</p>" } ?? ""
        if (context.identity?.role ?? .viewer) >= .admin {
            html += "<div class=\"actions\">"
            for vendor in Vendor.allCases {
                html += "<form method=\"post\" action=\"/jobs/collect\" data-confirm=\"Collect \(HTMLText.escape(vendor.displayName)) now?\">\(DashboardPage.csrfField(context))<input type=\"hidden\" name=\"vendor\" value=\"\(vendor.apiName)\"><button type=\"submit\">Collect \(HTMLText.escape(vendor.displayName)) now</button></form>"
            }
            html += "</div>"
        }
        if running { html += "<p class=\"muted\">A job is running: this page refreshes every 5 seconds.</p>" }
        let rows = batches.map { batch -> [String] in
            let runs = batch.runs.map { "\(HTMLText.escape($0.jobName)) \(HTMLText.escape($0.status))" }.joined(separator: ", ")
            let progress = batch.progressPercent.map { "<progress max=\"100\" value=\"\($0)\">\($0)%</progress> \($0)%" } ?? "—"
            return [HTMLText.escape(DashboardTime.text(batch.createdAt)), HTMLText.escape(runs), batch.status == "failed" ? "<span class=\"warn\">failed</span>" : HTMLText.escape(batch.status),
                    progress, HTMLText.escape(batch.error ?? batch.message ?? ""), batch.durationSeconds.map { "\($0) s" } ?? "—"]
        }
        html += "<p class=\"muted\">The 50 newest job batches. \(DashboardPage.downloads("/api/jobs", ["limit": "1000"]))</p>"
        html += DashboardPage.table(["Created", "Runs", "Status", "Progress", "Message", "Duration"], rows)
        return DashboardPage.render(title: "Jobs", active: "/jobs", context: context, body: html, refreshSeconds: running ? 5 : nil)
    }

    func collect(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let form = try await DashboardForm.read(request, context)
        do {
            try form.requireCSRF(context)
            let identity = try context.require(.admin)
            guard let vendor = form.value("vendor").flatMap(Vendor.init(apiName:)) else { throw APIError.badBody("choose ninja or threatlocker") }
            let job = try await CollectionRoutes(services: services).start(vendor, by: identity)
            return try await page(request, context) { try jobs($0, context, notice: "Started the \(vendor.displayName) collection (job \(job.jobID)).") }
        } catch let error as APIError {
            if error.status == .conflict {
                return try await page(request, context) { try jobs($0, context, notice: error.message) }
            }
            return DashboardPage.error(status: error.status, error.message)
        }
    }

    /// The ledger's head and last verification; pick a month and its audit pack is built from a
    /// replay of the ledger (a job), then its files download here.
    func audit(_ request: Request, _ session: PostgresSession, _ context: APIRequestContext) throws -> Response {
        let head = try Ledger(session: session).head()
        let verification = try JobQuery.latestRun(named: LedgerRoutes.verifyJobName, session)
        let build = try JobQuery.latestRun(named: AuditPackRoutes.jobName, session)
        let building = build.map { $0.status == "running" || $0.status == "queued" } ?? false
        var html = building
            ? "<p class=\"notice\" role=\"status\">Building the audit pack of \(HTMLText.escape(RequestParameters(request).query["started"] ?? "the month")): this page refreshes until it is ready.</p>"
            : ""
        html += "<section class=\"panel\"><h2>Ledger</h2><dl class=\"fields\">"
        html += "<dt>Head seq</dt><dd>\(head?.seq ?? 0)</dd><dt>Head chain SHA-256</dt><dd><code>\(HTMLText.escape(head?.chainHex ?? "—"))</code></dd>"
        html += "<dt>Head recorded</dt><dd>\(HTMLText.escape(head.map { DashboardTime.text($0.recordedAt) } ?? "—"))</dd>"
        html += "<dt>Last verification</dt><dd>\(HTMLText.escape(verification.map { "\($0.status): \($0.message ?? $0.error ?? "") (\($0.endedAt.map(DashboardTime.text) ?? "running"))" } ?? "never through the server"))</dd></dl></section>"
        if let collected = try StatusQuery.collectedDateRange(session) {
            var months: [String] = []
            var month = collected.upperBound.startOfMonth
            while month.endOfMonth >= collected.lowerBound {
                months.append(String(month.description.prefix(7)))
                month = month.adding(days: -1).startOfMonth
            }
            html += "<section class=\"panel\"><h2>A month's audit pack</h2><p>The ledger holds \(collected.lowerBound)…\(collected.upperBound). The month is replayed from the ledger alone (also one the live tables no longer keep) up to its head; the pack holds the month-end counts by client, the device list of the month's last snapshot day, the exception episodes that held in the month, the change log, a workbook of all four, a PDF summary and a manifest with the ledger seq, its chain hash and every file's SHA-256.</p>"
            html += "<form method=\"post\" action=\"/audit/packs\" class=\"filters\">\(DashboardPage.csrfField(context))<label>Month<select name=\"month\">"
            for option in months { html += "<option>\(option)</option>" }
            html += "</select></label><button type=\"submit\" id=\"build-pack\"\(building ? " disabled" : "")>Build the audit pack</button></form>"
            if let build {
                html += "<p class=\"muted\" id=\"pack-job\">Last build: \(HTMLText.escape(build.status)) · \(HTMLText.escape(build.error ?? build.message ?? ""))</p>"
            }
            html += "<p class=\"muted\">The same from the command line: <code>inventory-hub report audit --month \(months.first ?? "YYYY-MM") --out audit-\(months.first ?? "YYYY-MM")</code></p></section>"
        }
        let packs = try AuditPackRoutes.packs(in: services.auditFolder)
        if !packs.isEmpty {
            var rows: [[String]] = []
            for pack in packs {
                let ledger = pack.manifest["ledger"]
                let files = (pack.manifest["files"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue } + [AuditPack.manifestName]
                let links = files.map { "<a href=\"/api/audit-packs/\(pack.month)/\(HTMLText.query($0))\">\(HTMLText.escape($0))</a>" }.joined(separator: " · ")
                rows.append([
                    HTMLText.escape(pack.month), ledger?["seq"].map { ReportTable.text($0) } ?? "—",
                    "<code>\(HTMLText.escape(String((ledger?["chain_sha256"]?.stringValue ?? "").prefix(16))))…</code>", links,
                ])
            }
            html += "<section class=\"panel\"><h2>Audit packs built</h2>\(DashboardPage.table(["Month", "Ledger seq", "Chain SHA-256", "Files"], rows))</section>"
        }
        return DashboardPage.render(title: "Audit", active: "/audit", context: context, body: html, refreshSeconds: building ? 3 : nil)
    }

    func buildAuditPack(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let form = try await DashboardForm.read(request, context)
        do {
            try form.requireCSRF(context)
            let identity = try context.require(.viewer)
            guard let month = form.value("month"), AuditPack.month(month) != nil else { throw APIError.badBody("choose a month") }
            _ = try await AuditPackRoutes(services: services).start(month: month, requestedBy: identity.name)
            return Response(status: .seeOther, headers: [.location: "/audit?started=\(HTMLText.query(month))"])
        } catch let error as APIError {
            return DashboardPage.error(status: error.status, error.message)
        }
    }
}
