import Collectors
import Foundation
import PostgresClient

/// Runs a projection job with its `job_batches`/`job_runs` rows (queued → running →
/// completed or failed, with message, error and duration), as every collect does, so the
/// nightly dashboard shows catch-ups and rebuilds too.
enum TrackedJob {
    static func run<T: Sendable>(
        _ name: String, message: String, connection: PostgresConnection, summary: (T) -> String,
        _ body: () async throws -> T
    ) async throws -> T {
        let today = CalendarDate(Date(), in: TimeZone(identifier: ProcessInfo.processInfo.environment["INVENTORY_HUB_TZ"] ?? "America/Chicago") ?? .current)
        let tracker = try await JobTracker.enqueue(jobName: name, date: today, message: message, batchPrefix: "project", connection: connection)
        try await tracker.start(message: message)
        do {
            let result = try await body()
            try await tracker.complete(message: summary(result))
            return result
        } catch {
            try? await tracker.fail(error: String(describing: error), message: "\(name) failed")
            throw error
        }
    }
}
