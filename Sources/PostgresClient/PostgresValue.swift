import Foundation

/// One parameter as it travels to libpq: SQL NULL, text, or binary (used for `bytea`, so
/// payload bytes never go through a hex round trip).
public enum PostgresValue: Sendable, Hashable {
    case null
    case text(String)
    case binary([UInt8])
}

/// A Swift value that can be sent as a `$n` parameter.
public protocol PostgresEncodable: Sendable {
    var postgresValue: PostgresValue { get }
}

extension PostgresValue: PostgresEncodable {
    public var postgresValue: PostgresValue { self }
}

extension String: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(self) }
}

extension Substring: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(String(self)) }
}

extension Int: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(String(self)) }
}

extension Int32: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(String(self)) }
}

extension Int64: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(String(self)) }
}

extension Double: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(self.isFinite ? String(self) : (self.isNaN ? "NaN" : (self > 0 ? "Infinity" : "-Infinity"))) }
}

extension Bool: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(self ? "t" : "f") }
}

extension Decimal: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(plainText) }
}

extension UUID: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(uuidString.lowercased()) }
}

extension CalendarDate: PostgresEncodable {
    public var postgresValue: PostgresValue { .text(description) }
}

extension Date: PostgresEncodable {
    /// Microsecond precision, as `timestamptz` stores.
    public var postgresValue: PostgresValue { .text(PostgresTimestamp.format(self)) }
}

extension Array: PostgresEncodable where Element == UInt8 {
    public var postgresValue: PostgresValue { .binary(self) }
}

extension Data: PostgresEncodable {
    public var postgresValue: PostgresValue { .binary([UInt8](self)) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresValue: PostgresValue { self?.postgresValue ?? .null }
}

/// Text sent for a `json`/`jsonb` parameter.
public struct PostgresJSON: PostgresEncodable, Hashable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public var postgresValue: PostgresValue { .text(text) }
}
