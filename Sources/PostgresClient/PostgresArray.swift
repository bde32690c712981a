import Foundation

/// A `text[]` or `bigint[]` parameter in PostgreSQL's array literal syntax (cast it in SQL,
/// e.g. `ANY(\(PostgresArray(keys))::text[])`); text elements are quoted and escaped.
public struct PostgresArray: PostgresEncodable {
    private let literal: String

    public init(_ texts: [String]) {
        let quoted = texts.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        literal = "{" + quoted.joined(separator: ",") + "}"
    }

    public init(_ numbers: [Int64]) {
        literal = "{" + numbers.map(String.init).joined(separator: ",") + "}"
    }

    public var postgresValue: PostgresValue { .text(literal) }
}
