import Foundation
import PostgresClient

/// The physical bound every figure is compared with: a plain `COPY` of the same rows, on the
/// same server, in the same run.
enum RawCopyBaseline {
    /// Rows of `query` in text form, held in memory so only the COPY itself is timed.
    static func fetch(_ session: PostgresSession, _ query: String) throws -> [[String?]] {
        let rows = try session.query(PostgresQuery(unsafeSQL: query))
        return rows.map { row in (0..<row.columnCount).map { row.text($0) } }
    }

    /// Seconds to COPY `rows` into `table` (created by `ddl`, dropped afterwards).
    static func time(_ session: PostgresSession, ddl: String, table: String, columns: [String], rows: [[String?]]) throws -> Double {
        try session.execute("DROP TABLE IF EXISTS \(table)")
        try session.execute(ddl)
        defer { _ = try? session.execute("DROP TABLE IF EXISTS \(table)") }
        let started = Date()
        try session.transaction {
            try session.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
                for row in rows {
                    for value in row { writer.appendText(value) }
                    try writer.endRow()
                }
            }
        }
        return Date().timeIntervalSince(started)
    }
}
