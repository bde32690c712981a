import Collectors
import Foundation
import Hummingbird
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import Projections

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

    /// The ledger's head and last verification, and how to replay a month.
    func audit(_ session: PostgresSession, _ context: APIRequestContext) throws -> Response {
        let head = try Ledger(session: session).head()
        let verification = try JobQuery.latestRun(named: LedgerRoutes.verifyJobName, session)
        var html = "<section class=\"panel\"><h2>Ledger</h2><dl class=\"fields\">"
        html += "<dt>Head seq</dt><dd>\(head?.seq ?? 0)</dd><dt>Head chain SHA-256</dt><dd><code>\(HTMLText.escape(head?.chainHex ?? "—"))</code></dd>"
        html += "<dt>Head recorded</dt><dd>\(HTMLText.escape(head.map { DashboardTime.text($0.recordedAt) } ?? "—"))</dd>"
        html += "<dt>Last verification</dt><dd>\(HTMLText.escape(verification.map { "\($0.status): \($0.message ?? $0.error ?? "") (\($0.endedAt.map(DashboardTime.text) ?? "running"))" } ?? "never through the server"))</dd></dl></section>"
        if let collected = try StatusQuery.collectedDateRange(session) {
            html += "<section class=\"panel\"><h2>Replay a month</h2><p>The ledger holds \(collected.lowerBound)…\(collected.upperBound). An auditor replays any month from the ledger alone, also one the live tables no longer keep:</p>"
            html += "<pre>inventory-hub replay --from \(collected.upperBound.startOfMonth) --to \(collected.upperBound.endOfMonth) --out audit-\(collected.upperBound.description.prefix(7))/\ninventory-hub verify</pre>"
            html += "<p class=\"muted\">The month's audit pack (PDF, XLSX) is not built yet; the replay writes one CSV per read model and a manifest with the seq bound and each file's SHA-256.</p></section>"
        }
        return DashboardPage.render(title: "Audit", active: "/audit", context: context, body: html)
    }
}
