import CLibPQ

/// Owns one `PGresult` and frees it exactly once.
///
/// `@unchecked Sendable`: a PGresult is never modified after libpq returns it, and libpq
/// documents read access to a finished result as safe from any thread; the only mutation,
/// `PQclear`, runs in `deinit` when no reference remains.
final class PostgresResult: @unchecked Sendable {
    let pointer: OpaquePointer
    let rowCount: Int
    let columnCount: Int
    let columnNames: [String]

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        self.rowCount = Int(PQntuples(pointer))
        self.columnCount = Int(PQnfields(pointer))
        self.columnNames = (0..<Int(PQnfields(pointer))).map { PQfname(pointer, Int32($0)).map { String(cString: $0) } ?? "" }
    }

    deinit { PQclear(pointer) }

    func isNull(row: Int, column: Int) -> Bool { PQgetisnull(pointer, Int32(row), Int32(column)) == 1 }

    func bytes(row: Int, column: Int) -> UnsafeBufferPointer<UInt8> {
        let length = Int(PQgetlength(pointer, Int32(row), Int32(column)))
        let start = PQgetvalue(pointer, Int32(row), Int32(column))!
        return UnsafeBufferPointer(start: UnsafeRawPointer(start).assumingMemoryBound(to: UInt8.self), count: length)
    }

    func text(row: Int, column: Int) -> String? {
        if isNull(row: row, column: column) { return nil }
        return String(decoding: bytes(row: row, column: column), as: UTF8.self)
    }
}

/// The rows of one statement, read in place from libpq's result.
public struct PostgresRows: Sendable, RandomAccessCollection {
    let result: PostgresResult?
    /// Rows affected by INSERT/UPDATE/DELETE/COPY (`PQcmdTuples`), 0 when not reported.
    public let affectedRows: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { result?.rowCount ?? 0 }
    public var columnNames: [String] { result?.columnNames ?? [] }

    public subscript(position: Int) -> PostgresRow { PostgresRow(result: result!, index: position) }
}

/// One row; columns are addressed by position or by name and decoded to typed values.
public struct PostgresRow: Sendable {
    let result: PostgresResult
    public let index: Int

    public var columnCount: Int { result.columnCount }

    public func isNull(_ column: Int) -> Bool { result.isNull(row: index, column: column) }

    /// The column's bytes as the server sent them (binary format when requested), valid while
    /// `body` runs; nil for SQL NULL.
    public func withBytes<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        if result.isNull(row: index, column: column) { return nil }
        return try body(result.bytes(row: index, column: column))
    }

    /// The raw text of a column (nil for SQL NULL).
    public func text(_ column: Int) -> String? { result.text(row: index, column: column) }

    /// Decodes the column at `column`, throwing when it is NULL or not of the requested type.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: Int) throws(PostgresError) -> T {
        guard column < result.columnCount else {
            throw PostgresError(kind: .decoding, message: "column \(column) is out of range (\(result.columnCount) columns)")
        }
        if result.isNull(row: index, column: column) {
            if let optional = T.self as? any PostgresNullDecodable.Type { return optional.nullValue as! T }
            throw PostgresError(kind: .decoding, message: "column \(result.columnNames[column]) is NULL where \(T.self) was expected")
        }
        return try T(postgresBytes: result.bytes(row: index, column: column), column: result.columnNames[column])
    }

    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ name: String) throws(PostgresError) -> T {
        guard let column = result.columnNames.firstIndex(of: name) else {
            throw PostgresError(kind: .decoding, message: "no column named \(name) in the result")
        }
        return try decode(type, column)
    }
}
