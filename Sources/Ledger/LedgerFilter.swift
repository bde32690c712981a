import Foundation
import PostgresClient

/// Which events a read returns, and the bound that makes it an as-of read.
public struct LedgerFilter: Sendable, Hashable {
    public var eventTypes: [String]?
    public var vendorID: Int?
    /// Only the events of one run (read through the `run_id` index).
    public var runID: UUID?
    /// Only the events about one subject (a vendor device key, an exception key).
    public var subject: String?
    public var observedOn: ClosedRange<CalendarDate>?
    /// Only events with `seq <= maxSeq`.
    public var maxSeq: Int64?
    /// Only events recorded at or before this instant ("as the system knew it then").
    public var recordedAtOrBefore: Date?

    public init(
        eventTypes: [String]? = nil, vendorID: Int? = nil, runID: UUID? = nil, observedOn: ClosedRange<CalendarDate>? = nil,
        maxSeq: Int64? = nil, recordedAtOrBefore: Date? = nil, subject: String? = nil
    ) {
        self.subject = subject
        self.eventTypes = eventTypes
        self.vendorID = vendorID
        self.runID = runID
        self.observedOn = observedOn
        self.maxSeq = maxSeq
        self.recordedAtOrBefore = recordedAtOrBefore
    }

    /// The WHERE clause after `seq > $1`, with its values as parameters.
    func query(after seq: Int64, limit: Int) -> PostgresQuery {
        var query: PostgresQuery = """
            SELECT seq, event_type, vendor_id, run_id, observed_on, subject, recorded_at, dict_id, raw_len,
                   payload, payload_sha256, chain_sha256
            FROM ledger_event WHERE seq > \(seq)
            """
        if let eventTypes { query.and("event_type = ANY(\(PostgresArray(eventTypes))::text[])") }
        if let vendorID { query.and("vendor_id = \(vendorID)") }
        if let runID { query.and("run_id = \(runID)") }
        if let subject { query.and("subject = \(subject)") }
        if let observedOn { query.and("observed_on BETWEEN \(observedOn.lowerBound) AND \(observedOn.upperBound)") }
        if let maxSeq { query.and("seq <= \(Int(maxSeq))") }
        if let recordedAtOrBefore { query.and("recorded_at <= \(recordedAtOrBefore)") }
        query.sql += " ORDER BY seq LIMIT \(limit)"
        return query
    }
}
