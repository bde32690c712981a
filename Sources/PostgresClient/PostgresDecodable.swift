import Foundation

/// A Swift value that can be read from a column in text format.
public protocol PostgresDecodable: Sendable {
    init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError)
}

/// Optionals decode SQL NULL as nil instead of failing.
protocol PostgresNullDecodable {
    static var nullValue: Self { get }
}

extension Optional: PostgresNullDecodable {
    static var nullValue: Self { nil }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        self = try Wrapped(postgresBytes: bytes, column: column)
    }
}

func decodingError(_ type: Any.Type, _ bytes: UnsafeBufferPointer<UInt8>, _ column: String) -> PostgresError {
    let text = String(decoding: bytes.prefix(64), as: UTF8.self)
    return PostgresError(kind: .decoding, message: "column \(column) holds '\(text)', which is not a \(type)")
}

extension String: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) {
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension Int: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        var value = 0
        var negative = false
        var sawDigit = false
        for (position, byte) in bytes.enumerated() {
            if position == 0, byte == UInt8(ascii: "-") { negative = true; continue }
            guard byte >= 0x30, byte <= 0x39 else { throw decodingError(Int.self, bytes, column) }
            let (scaled, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = scaled.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow1, !overflow2 else { throw decodingError(Int.self, bytes, column) }
            value = sum
            sawDigit = true
        }
        guard sawDigit else { throw decodingError(Int.self, bytes, column) }
        self = negative ? -value : value
    }
}

extension Double: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { throw decodingError(Double.self, bytes, column) }
        self = value
    }
}

extension Bool: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        switch bytes.first {
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
        default: throw decodingError(Bool.self, bytes, column)
        }
    }
}

extension Decimal: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        guard let value = Decimal(string: String(decoding: bytes, as: UTF8.self), locale: Locale(identifier: "en_US_POSIX")) else {
            throw decodingError(Decimal.self, bytes, column)
        }
        self = value
    }
}

extension UUID: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        guard let value = UUID(uuidString: String(decoding: bytes, as: UTF8.self)) else { throw decodingError(UUID.self, bytes, column) }
        self = value
    }
}

extension CalendarDate: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        guard let value = CalendarDate(String(decoding: bytes, as: UTF8.self)) else { throw decodingError(CalendarDate.self, bytes, column) }
        self = value
    }
}

extension Date: PostgresDecodable {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        guard let value = PostgresTimestamp.parse(String(decoding: bytes, as: UTF8.self)) else { throw decodingError(Date.self, bytes, column) }
        self = value
    }
}

/// `bytea` arrives in text format as `\x` followed by hex digits.
extension Array: PostgresDecodable where Element == UInt8 {
    public init(postgresBytes bytes: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            throw decodingError([UInt8].self, bytes, column)
        }
        var output = [UInt8]()
        output.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
                throw decodingError([UInt8].self, bytes, column)
            }
            output.append(high << 4 | low)
            index += 2
        }
        self = output
    }
}

@inline(__always)
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x61...0x66: return byte - 0x61 + 10
    case 0x41...0x46: return byte - 0x41 + 10
    default: return nil
    }
}
