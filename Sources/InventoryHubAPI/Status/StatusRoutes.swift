import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
import Logging
import PostgresClient
import Projections

/// `GET /api/status`: per vendor the newest day, device count, last run and freshness; per
/// projection its checkpoint, the ledger head and the lag; jobs failed in the last 24 hours;
/// open exceptions per type.
struct StatusRoutes {
    let services: APIServices

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            try await services.cachedGET(request, context, version: .live) { session in
                JSONResponse.make(Self.json(try StatusQuery().read(session), now: Date()))
            }
        }
        return routes
    }

    static func json(_ status: StatusQuery.Result, now: Date) -> JSONValue {
        var vendors: [String: JSONValue] = [:]
        for vendor in status.vendors {
            let freshness = Freshness(lastRun: vendor.lastRunRecordedAt, now: now)
            vendors[vendor.vendor.apiName] = [
                "newest_snapshot_date": JSONValue(vendor.newestSnapshotDate),
                "devices": JSONValue(vendor.deviceCount),
                "last_run": vendor.lastRunRecordedAt == nil ? .null : [
                    "date": JSONValue(vendor.lastRunDate), "recorded_at": JSONValue(timestamp: vendor.lastRunRecordedAt),
                    "source": JSONValue(vendor.lastRunSource),
                ],
                "freshness": .string(freshness.state.rawValue),
                "hours_since_last_run": freshness.hoursSinceLastRun.map { JSONValue($0) } ?? .null,
            ]
        }
        var projections: [String: JSONValue] = [:]
        for projection in status.projections {
            projections[projection.projection.rawValue] = [
                "checkpoint": JSONValue(Int(projection.checkpoint)), "head_seq": JSONValue(Int(projection.headSeq)),
                "lag": JSONValue(Int(projection.lag)), "stored_version": JSONValue(projection.storedVersion),
                "code_version": JSONValue(projection.codeVersion), "needs_rebuild": .bool(projection.storedVersion != projection.codeVersion),
                "updated_at": JSONValue(timestamp: projection.updatedAt),
            ]
        }
        var open: [String: JSONValue] = [:]
        for type in ExceptionType.allCases.map(\.rawValue) { open[type] = JSONValue(status.openExceptions[type] ?? 0) }
        return [
            "vendors": .object(vendors),
            "projections": .object(projections),
            "failed_jobs_24h": .array(status.failedJobs.map { job in
                ["job_id": .string(job.jobID), "job_name": .string(job.jobName), "ended_at": JSONValue(timestamp: job.endedAt), "error": JSONValue(job.error)]
            }),
            "open_exceptions": .object(open),
            "ledger_head_seq": JSONValue(Int(status.headSeq)),
        ]
    }
}

