import Foundation
import PostgresClient

/// What one append writes atomically: the events of a collection run followed by its
/// `collection_completed` event, or a single non-vendor fact such as a resolution.
public struct LedgerRun: Sendable {
    /// How a collection run came about, recorded in its `collection_completed` event.
    public struct Completion: Sendable, Hashable {
        public let source: String
        public let startedAt: Date
        public let finishedAt: Date
        public let collectorVersion: String

        public init(source: String, startedAt: Date, finishedAt: Date, collectorVersion: String) {
            self.source = source
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.collectorVersion = collectorVersion
        }
    }

    public let runID: UUID
    public let vendorID: Int?
    public let observedOn: CalendarDate?
    public let events: [LedgerEventDraft]
    /// Present for collection runs: a `collection_completed` event is appended last.
    public let completion: Completion?

    public init(runID: UUID = UUID(), vendorID: Int?, observedOn: CalendarDate?, events: [LedgerEventDraft], completion: Completion?) {
        self.runID = runID
        self.vendorID = vendorID
        self.observedOn = observedOn
        self.events = events
        self.completion = completion
    }
}

/// What an append did.
public struct LedgerAppendResult: Sendable, Hashable {
    public let runID: UUID
    /// False when the run was already in the ledger (a retried append is a no-op).
    public let appended: Bool
    public let firstSeq: Int64
    public let lastSeq: Int64
    public let eventCount: Int
    public let rawBytes: Int
    public let storedBytes: Int
    public let dictionaryID: Int?
    /// The ledger's head once this append committed: the digest written for it.
    public let head: LedgerDigest
    /// What became of that digest.
    public internal(set) var digestWrite: LedgerDigestWrite = .notConfigured
}
