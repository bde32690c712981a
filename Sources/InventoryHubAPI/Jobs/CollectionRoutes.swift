import Collectors
import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
import Logging
import PostgresClient
import Projections

/// `POST /api/collections` `{"vendor":"ninja"}` (admin): a collection with the same code as
/// `inventory-hub collect`, run in the server process after the 202, then a catch-up. The
/// answer carries the job id to follow at `/api/jobs/{id}`; a second collection of a vendor
/// is a 409 while the first runs.
struct CollectionRoutes {
    let services: APIServices

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post { request, context in
            let identity = try context.require(.admin)
            let body = try await ExceptionRoutes.body(request, context)
            guard let name = body["vendor"]?.stringValue, let vendor = Vendor(apiName: name) else {
                throw APIError.badBody("vendor must be ninja or threatlocker")
            }
            let job = try await start(vendor, by: identity)
            let date = try SnapshotDate.today(environment: services.environment)
            return JSONResponse.make(
                ["job_id": .string(job.jobID), "batch_id": .string(job.batchID), "status": "queued", "vendor": .string(vendor.apiName), "date": JSONValue(date)],
                status: .accepted)
        }
        return routes
    }

    /// Queues a collection of `vendor` and starts it in the background; the job to follow.
    func start(_ vendor: Vendor, by identity: APIIdentity) async throws -> JobTracker {
        let key = "collect-\(vendor.apiName)"
        guard !services.jobs.isRunning(key) else { throw APIError.conflict("a \(vendor.apiName) collection is already running") }
        let environment = services.environment
        let date = try SnapshotDate.today(environment: environment)
        let collector = Collector(logger: services.logger)
        let connection = try await PostgresConnection.connect(services.pool.conninfo, label: "inventory-hub.collect")
        let source: CollectionSource
        do {
            source = try CollectionSource.api(vendor: vendor, environment: environment)
        } catch {
            let secrets = ["NINJA_CLIENT_ID", "NINJA_CLIENT_SECRET", "THREATLOCKER_API_KEY"].compactMap { environment[$0] }
            let failure = await collector.recordFailure(vendor: vendor, date: date, error: error, secrets: secrets, connection: connection)
            await connection.close()
            throw APIError(.conflict, code: "not_configured", message: "the server cannot collect \(vendor.apiName): \(failure.reason)")
        }
        let job: JobTracker
        do {
            job = try await collector.enqueue(
                vendor: vendor, date: date, message: "collect \(vendor.vendorName) for \(date) from \(source) (requested by \(identity.name))",
                connection: connection)
        } catch {
            await connection.close()
            throw error
        }
        let logger = services.logger
        let started = services.jobs.start(key: key) {
            do {
                _ = try await collector.collect(vendor: vendor, date: date, source: source, connection: connection, job: job)
                _ = try await connection.withSession { try ProjectionEngine(session: $0).catchUp() }
            } catch {
                logger.warning("collection started through the API failed: \(error)")
            }
            await connection.close()
        }
        guard started else {
            try? await job.fail(error: "another \(vendor.apiName) collection is running", message: "not started")
            await connection.close()
            throw APIError.conflict("a \(vendor.apiName) collection is already running")
        }
        return job
    }
}
