import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// A page of a list: `{"items":[…],"total":N,"limit":…,"offset":…}`, or the same rows as CSV
/// with a header row when the request asks for `format=csv`.
struct ListPage: Sendable, Hashable {
    var limit: Int
    var offset: Int

    /// Columns of a list, for its CSV form: header and how to read each item's value.
    struct Columns {
        let names: [String]

        init(_ names: [String]) { self.names = names }

        func csv(_ items: [JSONValue]) -> String {
            var text = names.map(CSVText.field).joined(separator: ",") + "\r\n"
            for item in items {
                text += names.map { CSVText.field(item[$0] ?? .null) }.joined(separator: ",") + "\r\n"
            }
            return text
        }
    }

    func response(items: [JSONValue], total: Int, columns: Columns, format: ResponseFormat, headers: HTTPFields) -> Response {
        switch format {
        case .json:
            return JSONResponse.make(["items": .array(items), "total": JSONValue(total), "limit": JSONValue(limit), "offset": JSONValue(offset)], headers: headers)
        case .csv:
            return JSONResponse.text(columns.csv(items), contentType: "text/csv; charset=utf-8", headers: headers)
        }
    }
}

/// RFC 4180 fields; a value that a spreadsheet would run as a formula is prefixed with `'`.
enum CSVText {
    static func field(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let text): return field(text)
        case .array, .object: return field(CanonicalJSONWriter.string(value))
        }
    }

    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
