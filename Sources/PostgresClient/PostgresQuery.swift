import Foundation

/// SQL text with its parameters. Interpolated values become `$n` parameters, so a value can
/// never be read as SQL: `"SELECT * FROM vendor WHERE name = \(name)"` sends `name` as `$1`.
///
/// Identifiers (schema or table names chosen at run time) go through `\(identifier:)`, which
/// quotes them; `\(unescaped:)` is for SQL fragments written in this code base only.
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var sql: String
    public var binds: [PostgresValue]

    public init(unsafeSQL sql: String, binds: [PostgresValue] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) { sql += literal }

        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(value.postgresValue)
            sql += "$\(binds.count)"
        }

        public mutating func appendInterpolation(_ value: (some PostgresEncodable)?) {
            binds.append(value?.postgresValue ?? .null)
            sql += "$\(binds.count)"
        }

        /// Embeds another query, renumbering its `$n` placeholders after this one's.
        public mutating func appendInterpolation(_ fragment: PostgresQuery) {
            sql += PostgresQuery.renumber(fragment.sql, offset: binds.count)
            binds += fragment.binds
        }

        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }

        /// A column list: each name quoted, optionally qualified by `qualifier` (also quoted).
        public mutating func appendInterpolation(identifiers: [String], qualifier: String? = nil) {
            let prefix = qualifier.map { PostgresQuery.quoteIdentifier($0) + "." } ?? ""
            sql += identifiers.map { prefix + PostgresQuery.quoteIdentifier($0) }.joined(separator: ", ")
        }

        public mutating func appendInterpolation(unescaped fragment: String) {
            sql += fragment
        }
    }

    /// `"name"` with embedded quotes doubled, as PostgreSQL requires.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Shifts every `$n` in `sql` by `offset` (fragments written in this code base contain no
    /// `$` inside string literals).
    static func renumber(_ sql: String, offset: Int) -> String {
        guard offset > 0 else { return sql }
        var output = ""
        var index = sql.startIndex
        while index < sql.endIndex {
            let character = sql[index]
            if character == "$" {
                var end = sql.index(after: index)
                while end < sql.endIndex, sql[end].isASCII, sql[end].isNumber { end = sql.index(after: end) }
                if let number = Int(sql[sql.index(after: index)..<end]) {
                    output += "$\(number + offset)"
                    index = end
                    continue
                }
            }
            output.append(character)
            index = sql.index(after: index)
        }
        return output
    }

    /// Appends ` AND fragment`, with the fragment's parameters.
    public mutating func and(_ fragment: PostgresQuery) {
        sql += " AND " + Self.renumber(fragment.sql, offset: binds.count)
        binds += fragment.binds
    }

    public mutating func append(_ fragment: PostgresQuery) {
        sql += Self.renumber(fragment.sql, offset: binds.count)
        binds += fragment.binds
    }
}
