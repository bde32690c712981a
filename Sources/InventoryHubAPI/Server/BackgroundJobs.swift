import Collectors
import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Synchronization

/// Work the server runs after answering 202 (collections, verification): at most one job per
/// key at a time, so a second collection of a vendor is a 409 while the first runs. Jobs are
/// child tasks of the server's lifetime: `cancelAll` ends them when the server shuts down.
public final class BackgroundJobs: Sendable {
    private let logger: Logger
    private let running = Mutex<[String: Task<Void, Never>]>([:])

    init(logger: Logger) { self.logger = logger }

    /// Starts `work` under `key`; false when a job with that key is still running.
    func start(key: String, _ work: @escaping @Sendable () async -> Void) -> Bool {
        running.withLock { running in
            if running[key] != nil { return false }
            running[key] = Task { [weak self] in
                await work()
                self?.finish(key)
            }
            return true
        }
    }

    func isRunning(_ key: String) -> Bool { running.withLock { $0[key] != nil } }

    private func finish(_ key: String) {
        _ = running.withLock { $0.removeValue(forKey: key) }
    }

    /// Cancels every running job and waits for them to end.
    public func cancelAll() async {
        let tasks = running.withLock { Array($0.values) }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}

extension APIServices {
    /// Queues a job row named `jobName` on a connection of its own and runs `work` with it in
    /// the background under `key` (the work closes the connection when it ends). When a job with
    /// `key` is still running, the row is marked failed and the request is a 409 saying `busy`.
    func startTrackedJob(
        jobName: String, key: String, message: String, busy: String,
        _ work: @escaping @Sendable (JobTracker, PostgresConnection) async -> Void
    ) async throws -> JobTracker {
        let connection = try await PostgresConnection.connect(pool.conninfo, label: "inventory-hub.\(jobName)")
        let tracker: JobTracker
        do {
            tracker = try await JobTracker.enqueue(
                jobName: jobName, date: CalendarDate(Date(), in: .current), message: message, batchPrefix: "api", connection: connection)
        } catch {
            await connection.close()
            throw error
        }
        guard jobs.start(key: key, { await work(tracker, connection) }) else {
            try? await tracker.fail(error: busy, message: "not started")
            await connection.close()
            throw APIError.conflict(busy)
        }
        return tracker
    }
}
