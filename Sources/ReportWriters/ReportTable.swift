import Foundation
import InventoryJSON

/// A table of a report as every format writes it: a title, column names and rows of values. The
/// values are the API's JSON values, so a CSV, an XLSX sheet and a PDF table of the same rows
/// read the same numbers and text as `GET /api/…` does.
public struct ReportTable: Sendable, Hashable {
    public var title: String
    public var columns: [String]
    public var rows: [[JSONValue]]

    public init(title: String, columns: [String], rows: [[JSONValue]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The rows of JSON objects, one column per key in `columns` (a missing key is empty).
    public init(title: String, columns: [String], objects: [JSONValue]) {
        self.init(title: title, columns: columns, rows: objects.map { object in columns.map { object[$0] ?? .null } })
    }

    /// How a value reads in text: numbers as written, `true`/`false`, nested values as canonical JSON.
    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let text): return text
        case .array, .object: return CanonicalJSONWriter.string(value)
        }
    }

    /// RFC 4180 CSV with a header row and CRLF line ends. A text value that a spreadsheet would run
    /// as a formula is prefixed with `'`.
    public func csv() -> String {
        var text = columns.map(Self.csvField).joined(separator: ",") + "\r\n"
        for row in rows {
            text += row.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return text
    }

    public static func csvField(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return csvField(text)
        default: return csvField(text(value), isText: false)
        }
    }

    public static func csvField(_ text: String) -> String { csvField(text, isText: true) }

    private static func csvField(_ text: String, isText: Bool) -> String {
        var value = text
        if isText, let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
