import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import Ledger
import PostgresClient
import ReportWriters

/// A page of a list: `{"items":[…],"total":N,"limit":…,"offset":…}`, or the same rows as CSV
/// with a header row when the request asks for `format=csv`.
struct ListPage: Sendable, Hashable {
    var limit: Int
    var offset: Int

    /// Columns of a list, for its CSV form: header and how to read each item's value.
    struct Columns {
        let names: [String]

        init(_ names: [String]) { self.names = names }

        func table(_ title: String, _ items: [JSONValue]) -> ReportTable {
            ReportTable(title: title, columns: names, objects: items)
        }

        /// The CSV or XLSX answer of `items`; nil when the request wants JSON. The workbook is
        /// dated by the ledger head's time, so the same rows give the same bytes.
        func file(_ items: [JSONValue], format: ResponseFormat, title: String, session: PostgresSession) throws -> Response? {
            switch format {
            case .json:
                return nil
            case .csv:
                return JSONResponse.text(table(title, items).csv(), contentType: ReportFormat.csv.contentType)
            case .xlsx:
                let createdAt = try Ledger(session: session).head()?.recordedAt ?? Date(timeIntervalSince1970: 0)
                let data = try XLSXWorkbook.data([table(title, items)], title: title, createdAt: createdAt)
                return JSONResponse.data(data, contentType: ReportFormat.xlsx.contentType)
            }
        }
    }

    func response(items: [JSONValue], total: Int, columns: Columns, format: ResponseFormat, title: String, session: PostgresSession) throws -> Response {
        if let file = try columns.file(items, format: format, title: title, session: session) { return file }
        return JSONResponse.make(["items": .array(items), "total": JSONValue(total), "limit": JSONValue(limit), "offset": JSONValue(offset)])
    }
}
