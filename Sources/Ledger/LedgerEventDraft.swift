import PostgresClient

/// An event before it is appended: the ledger gives it its `seq`, `recorded_at`, compression
/// and hashes. `payload` must be canonical JSON (see `LedgerPayload`), so equal content hashes
/// equally.
public struct LedgerEventDraft: Sendable, Hashable {
    public let eventType: String
    public let vendorID: Int?
    public let observedOn: CalendarDate?
    public let subject: String?
    public let payload: [UInt8]

    public init(eventType: String, vendorID: Int?, observedOn: CalendarDate?, subject: String?, payload: [UInt8]) {
        self.eventType = eventType
        self.vendorID = vendorID
        self.observedOn = observedOn
        self.subject = subject
        self.payload = payload
    }
}

/// The event types this system writes.
public enum LedgerEventType {
    public static let deviceObserved = "device_observed"
    public static let collectionCompleted = "collection_completed"
    public static let exceptionResolved = "exception_resolved"
}
