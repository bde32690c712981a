import Foundation
import PostgresClient

/// One event as stored, with its payload decompressed and checked against `payload_sha256`.
public struct LedgerEvent: Sendable, Hashable {
    public let seq: Int64
    public let eventType: String
    public let vendorID: Int?
    public let runID: UUID
    public let observedOn: CalendarDate?
    public let subject: String?
    /// Microseconds since 1970-01-01 UTC, exactly as stored (and hashed).
    public let recordedAtMicros: Int64
    public let dictionaryID: Int?
    public let payload: [UInt8]
    public let payloadSHA256: [UInt8]
    public let chainSHA256: [UInt8]

    public var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMicros) / 1_000_000) }
}
