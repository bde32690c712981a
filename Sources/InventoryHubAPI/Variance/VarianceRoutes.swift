import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
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
            return try await services.cachedGET(request, context) { session in
                guard let date = try VarianceReportQuery.newestComparedDate(session) else {
                    throw APIError.notFound("no day has completed runs of both vendors yet")
                }
                return JSONResponse.make(Self.json(try query.report(on: date, session)))
            }
        }
        routes.get(":date") { request, context in
            let raw = try context.parameters.segment("date")
            guard let date = CalendarDate(raw), date.description == raw else {
                throw APIError.badParameter("date", "'\(raw)' is not a date like 2025-03-31 (or use /latest)")
            }
            let query = try Self.query(request)
            return try await services.cachedGET(request, context) { session in
                guard try VarianceReportQuery.isComparedDay(date, session) else {
                    throw APIError.notFound("\(date) is not a retained day on which both vendors completed a run (replay older days: inventory-hub replay)")
                }
                return JSONResponse.make(Self.json(try query.report(on: date, session)))
            }
        }
        return routes
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
