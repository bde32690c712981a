import Foundation
import InventoryRules
import Ledger
import Logging
import PostgresClient
import Vendors

/// One collection run end to end: fetch (or read a capture file), optionally save the
/// capture, refuse a suspicious empty result or an item without a usable identity, build the
/// run and append it atomically, with its job rows telling a dashboard where it stands. The
/// command line and the demo both call this, so a nightly run and a demo run behave identically.
///
/// Either the whole run is appended or nothing is: any failure leaves the ledger as it was,
/// marks the job `failed` with the reason (credentials removed) and throws a
/// `CollectionFailure`. Collectors never write read models; projections catch up later.
public struct Collector: Sendable {
    /// Recorded in every `collection_completed` event, so a replay can tell which collector
    /// wrote a run.
    public static let version = "inventory-hub-collectors/1"

    let logger: Logger
    let connectTimeout: Duration

    /// A collector logging to `logger`; `connectTimeout` bounds each vendor connection attempt.
    public init(logger: Logger, connectTimeout: Duration = .seconds(10)) {
        self.logger = logger
        self.connectTimeout = connectTimeout
    }

    /// Collects `vendor` for snapshot `date` from `source` and appends the run through
    /// `connection`. `saveCapture` writes the fetched capture (before the empty check, so an
    /// odd result can be inspected); `allowEmpty` accepts a source with no devices.
    public func collect(
        vendor: Vendor, date: CalendarDate, source: CollectionSource, saveCapture: String? = nil, allowEmpty: Bool = false,
        connection: PostgresConnection, progress: CollectionProgressHandler? = nil, job: JobTracker? = nil
    ) async throws -> CollectResult {
        let clock = ContinuousClock()
        let began = clock.now
        let redactor = SecretRedactor(source.secrets)
        var metadata: Logger.Metadata = ["vendor": "\(vendor.vendorName)", "date": "\(date)", "source": "\(source.origin)"]
        let tracker: JobTracker
        if let job {
            tracker = job
        } else {
            tracker = try await enqueue(vendor: vendor, date: date, message: "collect \(vendor.vendorName) for \(date) from \(source)", connection: connection)
        }
        metadata["job"] = .string(tracker.jobID)
        do {
            try await tracker.start(message: "fetching from \(source)")
            let startedAt = Date()
            let capture = try await fetch(vendor, from: source, progress: progress)
            let finishedAt = Date()
            if let saveCapture {
                try capture.write(to: saveCapture)
                logger.info("capture saved", metadata: metadata.merging(["file": .string(saveCapture)]) { $1 })
            }
            if capture.deviceCount == 0 && !allowEmpty { throw CollectionRefusal.noDevices(source: source.origin) }
            try await tracker.progress(60, message: "appending \(capture.deviceCount) devices")
            let run = try capture.run(
                observedOn: date, completion: CollectionRunBuilder.completion(source: source.origin, startedAt: startedAt, finishedAt: finishedAt))
            let appended = try await connection.withSession { session in try Ledger(session: session).append(run) }
            let result = CollectResult(
                runID: run.runID, vendor: vendor, date: date, source: source.origin, deviceCount: run.events.count,
                seconds: (clock.now - began).seconds, firstSeq: appended.firstSeq, lastSeq: appended.lastSeq,
                rawBytes: appended.rawBytes, storedBytes: appended.storedBytes, jobID: tracker.jobID, savedCapture: saveCapture)
            await finish(tracker, result: result, metadata: metadata)
            return result
        } catch {
            let reason = redactor.redact(String(describing: error))
            logger.info("collection failed, nothing appended", metadata: metadata.merging(["error": .string(reason)]) { $1 })
            do {
                try await tracker.fail(error: reason, message: "failed: nothing appended")
            } catch {
                logger.warning("the failure could not be recorded in job_runs", metadata: ["error": .string(redactor.redact("\(error)"))])
            }
            throw CollectionFailure(vendor: vendor, date: date, jobID: tracker.jobID, reason: reason, underlying: error)
        }
    }

    /// Records a collect that could not even begin (its vendor settings are missing, say) as a
    /// `failed` job, so the nightly dashboard shows it like any other failure, and returns the
    /// error to throw.
    public func recordFailure(vendor: Vendor, date: CalendarDate, error: any Error, secrets: [String] = [], connection: PostgresConnection) async -> CollectionFailure {
        let reason = SecretRedactor(secrets).redact(String(describing: error))
        logger.info("collection could not start", metadata: ["vendor": "\(vendor.vendorName)", "date": "\(date)", "error": .string(reason)])
        do {
            let tracker = try await enqueue(vendor: vendor, date: date, message: "collect \(vendor.vendorName) for \(date)", connection: connection)
            try await tracker.fail(error: reason, message: "failed before fetching: nothing appended")
            return CollectionFailure(vendor: vendor, date: date, jobID: tracker.jobID, reason: reason, underlying: error)
        } catch {
            logger.warning("the failure could not be recorded in job_runs", metadata: ["error": .string(SecretRedactor(secrets).redact("\(error)"))])
            return CollectionFailure(vendor: vendor, date: date, jobID: nil, reason: reason, underlying: error)
        }
    }

    /// The queued job of a collection that starts later (`collect(…, job:)`), so a caller such
    /// as the HTTP API can answer with the job's id before the work begins.
    public func enqueue(vendor: Vendor, date: CalendarDate, message: String, connection: PostgresConnection) async throws -> JobTracker {
        try await JobTracker.enqueue(jobName: vendor.jobName, date: date, message: message, connection: connection)
    }

    /// Marks the job completed. The run is in the ledger by now, so a job row that cannot be
    /// updated is logged, not turned into a failure of a run that succeeded.
    private func finish(_ tracker: JobTracker, result: CollectResult, metadata: Logger.Metadata) async {
        let message = "appended run \(result.runID.uuidString.lowercased()): \(result.deviceCount) devices, seq \(result.firstSeq)…\(result.lastSeq)"
        do {
            try await tracker.complete(message: message)
        } catch {
            logger.warning("the run was appended but its job row could not be completed", metadata: ["error": .string("\(error)")])
        }
        logger.info("collection appended", metadata: metadata.merging(["run": .string(result.runID.uuidString.lowercased()), "devices": "\(result.deviceCount)"]) { $1 })
    }
}

extension Duration {
    /// The duration in seconds as a `Double`, for reports.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
