import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Projections

/// `GET /api/jobs` and `GET /api/jobs/{id}`: job batches (collections, catch-ups, rebuilds,
/// verifications) with their runs and progress, newest first.
struct JobRoutes {
    let services: APIServices

    enum Status: String, CaseIterable {
        case queued, running, completed, failed
    }

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            let parameters = RequestParameters(request)
            let query = JobQuery(status: try parameters.choice("status", Status.self)?.rawValue, jobName: try parameters.text("job_name", maxLength: 50))
            return try await services.pagedGET(
                request, context, query: query,
                columns: ListPage.Columns(["batch_id", "created_at", "status", "progress_percent", "message", "error", "duration_seconds"]), title: "Jobs", version: .jobs,
                json: Self.json)
        }
        routes.get(":id") { request, context in
            let id = try context.parameters.segment("id")
            guard id.count <= 50 else { throw APIError.badParameter("id", "a job id has at most 50 characters") }
            return try await services.cachedGET(request, context, version: .jobs) { session in
                guard let batch = try JobQuery.batch(id: id, session) else { throw APIError.notFound("no job batch or run has id \(id)") }
                return JSONResponse.make(Self.json(batch))
            }
        }
        return routes
    }

    static func json(_ batch: JobQuery.Batch) -> JSONValue {
        [
            "batch_id": .string(batch.batchID), "created_at": JSONValue(timestamp: batch.createdAt), "status": .string(batch.status),
            "started_at": JSONValue(timestamp: batch.startedAt), "ended_at": JSONValue(timestamp: batch.endedAt),
            "progress_percent": JSONValue(batch.progressPercent), "message": JSONValue(batch.message), "error": JSONValue(batch.error),
            "duration_seconds": JSONValue(batch.durationSeconds), "runs": .array(batch.runs.map(json)),
        ]
    }

    static func json(_ run: JobQuery.Run) -> JSONValue {
        [
            "job_id": .string(run.jobID), "job_name": .string(run.jobName), "status": .string(run.status),
            "started_at": JSONValue(timestamp: run.startedAt), "updated_at": JSONValue(timestamp: run.updatedAt),
            "ended_at": JSONValue(timestamp: run.endedAt), "progress_percent": JSONValue(run.progressPercent), "message": JSONValue(run.message),
            "error": JSONValue(run.error), "duration_seconds": JSONValue(run.durationSeconds),
        ]
    }
}
