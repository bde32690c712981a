import InventoryRules
import PostgresClient

/// A collect that failed: nothing was appended, and the job row says why.
///
/// `reason` is the underlying error's description with every credential of the source
/// removed, so the sentence can go to a terminal, a log or a job row as it is.
public struct CollectionFailure: Error, Sendable, CustomStringConvertible {
    /// The vendor being collected.
    public let vendor: Vendor
    /// The snapshot date the run was for.
    public let date: CalendarDate
    /// `job_runs.job_id` of the failed job, nil when not even the job row could be written.
    public let jobID: String?
    /// Why, redacted: what `job_runs.error` holds.
    public let reason: String
    /// The error that stopped the run (a `VendorError`, `CaptureFileError`, `CollectionRefusal`,
    /// `PostgresError`…), for callers that branch on it. Its own description is not redacted
    /// beyond what its type guarantees; print `description` instead.
    public let underlying: any Error

    /// A failure; `reason` must already be redacted.
    public init(vendor: Vendor, date: CalendarDate, jobID: String?, reason: String, underlying: any Error) {
        self.vendor = vendor
        self.date = date
        self.jobID = jobID
        self.reason = reason
        self.underlying = underlying
    }

    public var description: String {
        "the \(vendor.vendorName) collection for \(date) failed and appended nothing: \(reason)"
    }
}
