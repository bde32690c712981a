import Foundation
import InventoryRules
import PostgresClient

/// What a successful collect appended, for the command line's summary and for callers (the
/// demo) that chain a catch-up after it.
public struct CollectResult: Sendable, Hashable {
    /// The run's `run_id`, shared by all its events.
    public let runID: UUID
    /// The vendor collected.
    public let vendor: Vendor
    /// The snapshot date recorded on every event.
    public let date: CalendarDate
    /// `api` or `file`.
    public let source: String
    /// `device_observed` events appended (the completion event not counted).
    public let deviceCount: Int
    /// Wall time of the whole collect: fetching, building and appending.
    public let seconds: Double
    /// The first `seq` of the run.
    public let firstSeq: Int64
    /// The run's last `seq`, its `collection_completed` event.
    public let lastSeq: Int64
    /// Uncompressed payload bytes appended.
    public let rawBytes: Int
    /// Compressed payload bytes stored.
    public let storedBytes: Int
    /// `job_runs.job_id` of the completed job.
    public let jobID: String
    /// Where the capture was saved, when it was.
    public let savedCapture: String?

    /// Events appended, the completion included.
    public var eventCount: Int { Int(lastSeq - firstSeq + 1) }
}
