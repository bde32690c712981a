import Crypto
import Foundation
import PostgresClient

/// The hash chain: each event's `chain_sha256` is SHA-256 over the previous event's chain hash
/// and this event's fields in a fixed binary layout. Changing any field, or removing or
/// reordering an event, changes every chain hash from there on.
///
/// Layout after the previous hash (32 bytes; zeros before the first event): seq (int64 BE),
/// event_type (uint32 BE length + UTF-8), vendor_id (flag byte + int32 BE), run_id (16 bytes),
/// observed_on (flag + int32 BE days since 1970-01-01), subject (flag + length + UTF-8),
/// recorded_at (int64 BE microseconds since 1970), dict_id (flag + int32 BE), raw_len
/// (int32 BE), payload_sha256 (32 bytes).
public enum LedgerChain {
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public struct Fields {
        public var seq: Int64
        public var eventType: String
        public var vendorID: Int?
        public var runID: UUID
        public var observedOn: CalendarDate?
        public var subject: String?
        public var recordedAtMicros: Int64
        public var dictionaryID: Int?
        public var rawLength: Int
        public var payloadSHA256: [UInt8]

        /// Public so a tool outside the module (an auditor's, a test's forger) can recompute a chain.
        public init(
            seq: Int64, eventType: String, vendorID: Int?, runID: UUID, observedOn: CalendarDate?, subject: String?,
            recordedAtMicros: Int64, dictionaryID: Int?, rawLength: Int, payloadSHA256: [UInt8]
        ) {
            self.seq = seq
            self.eventType = eventType
            self.vendorID = vendorID
            self.runID = runID
            self.observedOn = observedOn
            self.subject = subject
            self.recordedAtMicros = recordedAtMicros
            self.dictionaryID = dictionaryID
            self.rawLength = rawLength
            self.payloadSHA256 = payloadSHA256
        }
    }

    public static func next(previous: [UInt8], _ fields: Fields) -> [UInt8] {
        var eventType = fields.eventType
        var subject = fields.subject
        return eventType.withUTF8 { eventTypeUTF8 in
            func withSubject<R>(_ body: (UnsafeRawBufferPointer?) -> R) -> R {
                guard subject != nil else { return body(nil) }
                return subject!.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            }
            return withSubject { subjectUTF8 in
                previous.withUnsafeBytes { previousBytes in
                    fields.payloadSHA256.withUnsafeBytes { payloadHash in
                        withUnsafeBytes(of: fields.runID.uuid) { runID in
                            next(previous: previousBytes, .init(
                                seq: fields.seq, eventType: UnsafeRawBufferPointer(eventTypeUTF8), vendorID: fields.vendorID,
                                runID: runID, observedOnDays: fields.observedOn?.daysSinceEpoch, subject: subjectUTF8,
                                recordedAtMicros: fields.recordedAtMicros, dictionaryID: fields.dictionaryID,
                                rawLength: fields.rawLength, payloadSHA256: payloadHash))
                        }
                    }
                }
            }
        }
    }

    /// The same fields as bytes in place (a stored row read by the verifier), so a check of
    /// the whole ledger builds no strings. The one definition of the layout.
    struct RawFields {
        var seq: Int64
        var eventType: UnsafeRawBufferPointer
        var vendorID: Int?
        /// 16 bytes.
        var runID: UnsafeRawBufferPointer
        /// Days since 1970-01-01.
        var observedOnDays: Int?
        var subject: UnsafeRawBufferPointer?
        var recordedAtMicros: Int64
        var dictionaryID: Int?
        var rawLength: Int
        /// 32 bytes.
        var payloadSHA256: UnsafeRawBufferPointer
    }

    static func next(previous: UnsafeRawBufferPointer, _ fields: RawFields) -> [UInt8] {
        var message: [UInt8] = []
        return Array(digest(previous: previous, fields, message: &message))
    }

    /// The chain hash of `fields` after `previous`, its message built in `buffer`: a verifier
    /// keeps one buffer for the whole ledger, so it allocates nothing per event.
    static func digest(previous: UnsafeRawBufferPointer, _ fields: RawFields, message buffer: inout [UInt8]) -> SHA256.Digest {
        buffer.removeAll(keepingCapacity: true)
        buffer.reserveCapacity(160 + fields.eventType.count + (fields.subject?.count ?? 0))
        buffer.append(contentsOf: previous)
        appendInt64(fields.seq, to: &buffer)
        appendString(fields.eventType, to: &buffer)
        appendOptionalInt32(fields.vendorID, to: &buffer)
        buffer.append(contentsOf: fields.runID)
        appendOptionalInt32(fields.observedOnDays, to: &buffer)
        if let subject = fields.subject {
            buffer.append(1)
            appendString(subject, to: &buffer)
        } else {
            buffer.append(0)
        }
        appendInt64(fields.recordedAtMicros, to: &buffer)
        appendOptionalInt32(fields.dictionaryID, to: &buffer)
        appendInt32(Int32(truncatingIfNeeded: fields.rawLength), to: &buffer)
        buffer.append(contentsOf: fields.payloadSHA256)
        var hasher = SHA256()
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }

    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    private static func appendInt64(_ value: Int64, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    private static func appendInt32(_ value: Int32, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    private static func appendOptionalInt32(_ value: Int?, to buffer: inout [UInt8]) {
        guard let value else { return buffer.append(0) }
        buffer.append(1)
        appendInt32(Int32(truncatingIfNeeded: value), to: &buffer)
    }

    private static func appendString(_ utf8: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        appendInt32(Int32(utf8.count), to: &buffer)
        buffer.append(contentsOf: utf8)
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hex, for hashes in JSON and messages.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
