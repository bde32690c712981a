import Foundation

/// A `text[]` or `bigint[]` parameter in PostgreSQL's array literal syntax (cast it in SQL,
/// e.g. `ANY(\(PostgresArray(keys))::text[])`); text elements are quoted and escaped.
public struct PostgresArray: PostgresEncodable {
    private let literal: String

    public init(_ texts: [String]) { literal = Self.literal(texts) }

    public init(_ numbers: [Int64]) {
        literal = "{" + numbers.map(String.init).joined(separator: ",") + "}"
    }

    public var postgresValue: PostgresValue { .text(literal) }

    /// The array literal of `texts`: every element quoted, `"` and `\` escaped by a backslash.
    /// Built byte by byte: array parameters carry thousands of JSON documents in a catch-up.
    public static func literal(_ texts: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(texts.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, text) in texts.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
