import Foundation
import Ledger
import Testing

@Suite("Ledger digest lines")
struct LedgerDigestTests {
    static let chain = (0..<32).map { UInt8($0 * 7 % 256) }
    /// 2025-03-04T05:06:07.123456Z
    static let micros: Int64 = 1_741_064_767_123_456
    static let digest = LedgerDigest(seq: 42, chainSHA256: chain, recordedAtMicros: micros, events: 42)
    static let canonical = #"{"seq":42,"chain_sha256":"00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9","recorded_at":"2025-03-04T05:06:07.123456Z","events":42}"#

    @Test("a digest is one canonical JSON line in the issue's key order")
    func encoding() {
        #expect(Self.digest.line == Self.canonical)
        #expect(Self.digest.month == "2025-03")
        #expect(!Self.digest.line.contains("\n"))
    }

    @Test("the canonical line parses back to the same digest")
    func roundTrip() throws {
        #expect(try LedgerDigest(line: Self.canonical) == Self.digest)
    }

    @Test("recorded_at keeps microseconds and names the UTC month", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000Z"),
        (Int64(1_740_787_199_999_999), "2025-02-28T23:59:59.999999Z"),
        (Int64(1_740_787_200_000_000), "2025-03-01T00:00:00.000000Z"),
        (Int64(1_709_164_800_000_001), "2024-02-29T00:00:00.000001Z"),
    ])
    func timestamps(micros: Int64, text: String) throws {
        let digest = LedgerDigest(seq: 1, chainSHA256: Self.chain, recordedAtMicros: micros, events: 1)
        #expect(digest.recordedAtText == text)
        #expect(digest.month == String(text.prefix(7)))
        #expect(try LedgerDigest(line: digest.line).recordedAtMicros == micros)
    }

    static let hex = "00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9"
    static let badLines: [(String, String)] = [
        ("", "not JSON"),
        ("{\"seq\":42", "not JSON"),
        ("[42]", "not a JSON object"),
        (#"{"seq":42,"chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z"}"#, "no \"events\""),
        (#"{"seq":42,"chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z","events":42,"note":"x"}"#, "unexpected key \"note\""),
        (#"{"seq":"42","chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z","events":42}"#, "\"seq\" is not an integer"),
        (#"{"seq":42.5,"chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z","events":42}"#, "\"seq\" is not an integer"),
        (#"{"seq":0,"chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z","events":0}"#, "not a ledger position"),
        (#"{"seq":42,"chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z","events":41}"#, "differs from \"seq\""),
        (#"{"seq":42,"chain_sha256":"\#(hex.uppercased())","recorded_at":"2025-03-04T05:06:07.123456Z","events":42}"#, "64 lowercase hex"),
        (#"{"seq":42,"chain_sha256":"\#(hex.dropLast(2))","recorded_at":"2025-03-04T05:06:07.123456Z","events":42}"#, "64 lowercase hex"),
        (#"{"seq":42,"chain_sha256":"\#(hex)","recorded_at":"2025-03-04 05:06:07+00","events":42}"#, "\"recorded_at\" is not a UTC time"),
        (#"{"seq":42,"chain_sha256":"\#(hex)","recorded_at":"2025-02-30T05:06:07.123456Z","events":42}"#, "\"recorded_at\" is not a UTC time"),
        (#"{"seq":42, "chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z","events":42}"#, "not in canonical form"),
        (#"{"events":42,"seq":42,"chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z"}"#, "not in canonical form"),
        (#"{"seq":41,"seq":42,"chain_sha256":"\#(hex)","recorded_at":"2025-03-04T05:06:07.123456Z","events":42}"#, "not in canonical form"),
    ]

    @Test("the parser rejects anything but a canonical digest, saying why", arguments: badLines)
    func strictParser(line: String, reason: String) {
        let error = #expect(throws: LedgerDigestParseError.self) { try LedgerDigest(line: line) }
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "no error") should mention \(reason)")
    }
}
