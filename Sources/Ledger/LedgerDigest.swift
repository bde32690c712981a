import Foundation
import InventoryJSON
import PostgresClient

/// The ledger's head as a record kept outside the database: after every append one of these
/// goes to the digest log, so a later rewrite of the chain (every hash recomputed
/// consistently) or a cut-off tail no longer matches what was written down at the time.
///
/// One line of canonical JSON, keys in this fixed order, no spaces:
/// `{"seq":42,"chain_sha256":"<64 lowercase hex>","recorded_at":"2025-03-04T05:06:07.123456Z","events":42}`.
/// `recorded_at` is the head event's `recorded_at` in UTC with microseconds; it names the month
/// file and is informational (the chain hash already commits to it). `events` equals `seq`,
/// because the ledger is gapless from 1.
public struct LedgerDigest: Sendable, Hashable {
    public let seq: Int64
    public let chainSHA256: [UInt8]
    /// Microseconds since 1970-01-01 UTC, as stored in `ledger_event.recorded_at`.
    public let recordedAtMicros: Int64
    public let events: Int64

    public init(seq: Int64, chainSHA256: [UInt8], recordedAtMicros: Int64, events: Int64) {
        self.seq = seq
        self.chainSHA256 = chainSHA256
        self.recordedAtMicros = recordedAtMicros
        self.events = events
    }

    public var chainHex: String { chainSHA256.hexString }
    public var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMicros) / 1_000_000) }
    public var recordedAtText: String { Self.formatTimestamp(micros: recordedAtMicros) }

    /// The UTC month of `recorded_at` as `YYYY-MM`: the digest log's file for this digest.
    public var month: String { String(recordedAtText.prefix(7)) }

    /// The canonical line, without the newline.
    public var line: String {
        "{\"seq\":\(seq),\"chain_sha256\":\"\(chainHex)\",\"recorded_at\":\"\(recordedAtText)\",\"events\":\(events)}"
    }
}

/// Why a line is not a digest.
public struct LedgerDigestParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

extension LedgerDigest {
    static let keys: Set<String> = ["seq", "chain_sha256", "recorded_at", "events"]

    /// Parses one line strictly: valid JSON, exactly the four keys with the right types and
    /// ranges, and byte for byte the canonical encoding (which also rejects duplicate keys,
    /// spaces, `1.0` for `1` and uppercase hex). A digest log is written by machine only, so
    /// anything else is damage or tampering and is reported, never guessed at.
    public init(line text: some StringProtocol) throws(LedgerDigestParseError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(String(text))
        } catch {
            throw LedgerDigestParseError("not JSON: \(error.reason)")
        }
        guard case .object(let members) = value else { throw LedgerDigestParseError("not a JSON object") }
        let keys = Set(members.keys)
        if let missing = Self.keys.subtracting(keys).sorted().first { throw LedgerDigestParseError("no \"\(missing)\"") }
        if let extra = keys.subtracting(Self.keys).sorted().first { throw LedgerDigestParseError("unexpected key \"\(extra)\"") }
        func integer(_ key: String) throws(LedgerDigestParseError) -> Int64 {
            guard case .number(let literal) = members[key], let number = Int64(literal) else {
                throw LedgerDigestParseError("\"\(key)\" is not an integer")
            }
            return number
        }
        func string(_ key: String) throws(LedgerDigestParseError) -> String {
            guard case .string(let string) = members[key] else { throw LedgerDigestParseError("\"\(key)\" is not a string") }
            return string
        }
        let seq = try integer("seq")
        let events = try integer("events")
        guard seq >= 1 else { throw LedgerDigestParseError("\"seq\" \(seq) is not a ledger position (they start at 1)") }
        guard events == seq else {
            throw LedgerDigestParseError("\"events\" \(events) differs from \"seq\" \(seq) (the ledger is gapless from 1)")
        }
        let hex = try string("chain_sha256")
        guard let chain = Self.bytes(hex: hex), chain.count == 32 else {
            throw LedgerDigestParseError("\"chain_sha256\" is not 64 lowercase hex digits")
        }
        let stamp = try string("recorded_at")
        guard let micros = Self.parseTimestamp(stamp) else {
            throw LedgerDigestParseError("\"recorded_at\" is not a UTC time like 2025-03-04T05:06:07.123456Z")
        }
        let digest = LedgerDigest(seq: seq, chainSHA256: chain, recordedAtMicros: micros, events: events)
        guard digest.line == text else { throw LedgerDigestParseError("not in canonical form (expected \(digest.line))") }
        self = digest
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func nibble(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, exact (no floating point).
    static func formatTimestamp(micros total: Int64) -> String {
        var seconds = total / 1_000_000
        var micros = total % 1_000_000
        if micros < 0 {
            micros += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let day = CalendarDate(daysSinceEpoch: Int(days))
        return "\(day)T\(padded(secondOfDay / 3600, 2)):\(padded(secondOfDay / 60 % 60, 2)):\(padded(secondOfDay % 60, 2)).\(padded(micros, 6))Z"
    }

    /// The inverse of `formatTimestamp`; nil for anything not in exactly that form.
    static func parseTimestamp(_ text: String) -> Int64? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 27, utf8[10] == UInt8(ascii: "T"), utf8[26] == UInt8(ascii: "Z"),
            let day = CalendarDate(String(decoding: utf8[0..<10], as: UTF8.self))
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            guard utf8[range].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            return Int64(String(decoding: utf8[range], as: UTF8.self))
        }
        guard utf8[13] == UInt8(ascii: ":"), utf8[16] == UInt8(ascii: ":"), utf8[19] == UInt8(ascii: "."),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19), let micros = number(20..<26),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + hour * 3600 + minute * 60 + second
        let total = seconds * 1_000_000 + micros
        return formatTimestamp(micros: total) == text ? total : nil
    }
}
