import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
import Ledger
import Logging
import PostgresClient
import Projections

/// `GET /api/variance-report/latest` and `GET /api/variance-report/{date}`: the newest (or the
/// given) compared day's counts and the exception episodes that held on it, by type and client.
struct VarianceRoutes {
    let services: APIServices

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("latest") { request, context in
            let query = try Self.query(request)
            let format = try Self.format(request)
            return try await services.cachedGET(request, context) { session in
                try Self.answer(try query.report(on: try Self.day(nil, session), session), format: format, session)
            }
        }
        routes.get(":date") { request, context in
            let raw = try context.parameters.segment("date")
            guard let date = CalendarDate(raw), date.description == raw else {
                throw APIError.badParameter("date", "'\(raw)' is not a date like 2025-03-31 (or use /latest)")
            }
            let query = try Self.query(request)
            let format = try Self.format(request)
            return try await services.cachedGET(request, context) { session in
                try Self.answer(try query.report(on: try Self.day(date, session), session), format: format, session)
            }
        }
        return routes
    }

    /// The report's day, as `VarianceReportDocument` resolves it; no such day is a 404.
    static func day(_ date: CalendarDate?, _ session: PostgresSession) throws -> CalendarDate {
        do {
            return try VarianceReportDocument.day(date, session)
        } catch let error as ReportError {
            throw APIError.notFound(error.description)
        }
    }

    /// `json` (the default), or a file: `csv` (the episodes), `xlsx` or `pdf` (the whole report).
    static func format(_ request: Request) throws -> ReportFormat? {
        enum Format: String, CaseIterable { case json, csv, xlsx, pdf }
        let format = try RequestParameters(request).choice("format", Format.self) ?? .json
        return ReportFormat(rawValue: format.rawValue)
    }

    static func answer(_ report: VarianceReportQuery.Report, format: ReportFormat?, _ session: PostgresSession) throws -> Response {
        guard let format else { return JSONResponse.make(json(report)) }
        guard let head = try Ledger(session: session).head() else { throw APIError.notFound("the ledger is empty") }
        let document = VarianceReportDocument(report: report, bound: ReportBound(head))
        return JSONResponse.data(
            try document.data(format), contentType: format.contentType, filename: "variance-\(report.date).\(format.rawValue)")
    }

    static func query(_ request: Request) throws -> VarianceReportQuery {
        VarianceReportQuery(includeResolved: try RequestParameters(request).bool("include_resolved") ?? false)
    }

    static func json(_ report: VarianceReportQuery.Report) -> JSONValue {
        var summary: [String: JSONValue] = [:]
        var byType: [String: [JSONValue]] = [:]
        var byClient: [String: [String: Int]] = [:]
        for type in ExceptionType.allCases {
            summary[type.rawValue] = 0
            byType[type.rawValue] = []
        }
        for episode in report.episodes {
            byType[episode.type, default: []].append(ExceptionJSON.episode(episode))
            byClient[episode.client ?? "(no client)", default: [:]][episode.type, default: 0] += 1
        }
        for (type, items) in byType { summary[type] = JSONValue(items.count) }
        return [
            "date": JSONValue(report.date),
            "counts": ["ninja": JSONValue(report.ninjaDevices), "threatlocker": JSONValue(report.threatLockerDevices), "matched": JSONValue(report.matched)],
            "summary": .object(summary),
            "exceptions": .object(byType.mapValues { .array($0) }),
            "by_client": .object(byClient.mapValues { counts in .object(counts.mapValues { JSONValue($0) }) }),
        ]
    }
}
