import Foundation
import InventoryRules
import HTTPTypes
import Hummingbird
import NIOCore

/// The frame of every dashboard page: the navigation, who is signed in, sign-out, and the body.
enum DashboardPage {
    static let sections: [(path: String, title: String)] = [
        ("/", "Overview"), ("/exceptions", "Exceptions"), ("/devices", "Devices"), ("/coverage", "Coverage"), ("/billing", "Billing"),
        ("/windows-11", "Windows 11 24H2"), ("/jobs", "Jobs"), ("/audit", "Audit"),
    ]

    static func render(title: String, active: String, context: APIRequestContext, body: String, refreshSeconds: Int? = nil) -> Response {
        var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        if let refreshSeconds { html += "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">" }
        html += "<title>\(HTMLText.escape(title)) · ES Inventory Hub</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/app.css\"><script src=\"/assets/app.js\" defer></script></head><body>"
        html += "<header class=\"top\"><a class=\"brand\" href=\"/\">ES Inventory Hub</a><nav>"
        for section in sections {
            html += "<a href=\"\(section.path)\"\(section.path == active ? " class=\"active\" aria-current=\"page\"" : "")>\(HTMLText.escape(section.title))</a>"
        }
        html += "</nav>"
        if let identity = context.identity {
            html += "<form class=\"who\" method=\"post\" action=\"/sign-out\">\(csrfField(context))<span>\(HTMLText.escape(identity.name)) · \(identity.role.rawValue)</span><button type=\"submit\">Sign out</button></form>"
        }
        html += "</header><main><h1>\(HTMLText.escape(title))</h1>\(body)</main></body></html>"
        return htmlResponse(html)
    }

    static func htmlResponse(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func error(status: HTTPResponse.Status, _ message: String) -> Response {
        htmlResponse(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(status.code) · ES Inventory Hub</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main class=\"narrow\"><h1>\(status.code) \(HTMLText.escape(status.reasonPhrase))</h1><p>\(HTMLText.escape(message))</p><p><a href=\"/\">Overview</a> · <a href=\"/sign-in\">Sign in</a></p></main></body></html>",
            status: status)
    }

    static func csrfField(_ context: APIRequestContext) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTMLText.escape(context.csrfToken ?? ""))\">"
    }

    /// A table: header cells and rows of already-escaped cell HTML.
    static func table(_ headers: [String], _ rows: [[String]], classes: String = "") -> String {
        var html = "<table class=\"\(classes)\"><thead><tr>" + headers.map { "<th scope=\"col\">\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows { html += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        if rows.isEmpty { html += "<tr><td colspan=\"\(headers.count)\" class=\"empty\">Nothing to show.</td></tr>" }
        return html + "</tbody></table>"
    }

    /// Previous/next links of a paged list.
    /// `?a=1&b=2` in key order, or nothing for no parameters.
    static func queryString(_ query: [String: String]) -> String {
        guard !query.isEmpty else { return "" }
        return "?" + query.sorted { $0.key < $1.key }.map { "\(HTMLText.query($0.key))=\(HTMLText.query($0.value))" }.joined(separator: "&")
    }

    /// "Download CSV · XLSX" links to an API list with these parameters.
    static func downloads(_ path: String, _ query: [String: String]) -> String {
        func link(_ format: String) -> String {
            var parameters = query
            parameters["format"] = format
            return HTMLText.escape(path + queryString(parameters))
        }
        return "Download <a href=\"\(link("csv"))\">CSV</a> · <a href=\"\(link("xlsx"))\">XLSX</a>"
    }

    static func pager(path: String, query: [String: String], page: ListPage, total: Int) -> String {
        func link(_ offset: Int) -> String {
            var parameters = query
            parameters["offset"] = String(offset)
            return path + "?" + parameters.sorted { $0.key < $1.key }.map { "\(HTMLText.query($0.key))=\(HTMLText.query($0.value))" }.joined(separator: "&")
        }
        var html = "<p class=\"pager\">\(total == 0 ? 0 : page.offset + 1)–\(min(total, page.offset + page.limit)) of \(total)"
        if page.offset > 0 { html += " · <a href=\"\(HTMLText.escape(link(max(0, page.offset - page.limit))))\">previous</a>" }
        if page.offset + page.limit < total { html += " · <a href=\"\(HTMLText.escape(link(page.offset + page.limit)))\">next</a>" }
        return html + "</p>"
    }
}

extension Vendor {
    /// How the dashboard names a vendor (the seed's `vendor.name` is "Ninja").
    var displayName: String { self == .ninja ? "NinjaOne" : "ThreatLocker" }
}
