import CLibPQ
import Foundation

/// One open libpq connection, used synchronously by one thread at a time.
///
/// It is deliberately not `Sendable`: `PostgresConnection` owns it and runs every call on its
/// own serial queue, so blocking libpq calls never occupy the cooperative thread pool.
public final class PostgresSession {
    let handle: OpaquePointer
    private var transactionDepth = 0

    /// Connects with a libpq URI (`postgresql://…`) or a conninfo string (`host=… dbname=…`).
    public init(conninfo: String) throws(PostgresError) {
        guard let handle = PQconnectdb(conninfo) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.trimmedMessage(PQerrorMessage(handle))
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: "cannot connect to PostgreSQL: \(message)")
        }
        self.handle = handle
        self.conninfo = conninfo
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try execute("SET datestyle = ISO; SET timezone = 'UTC'; SET client_min_messages = warning; SET extra_float_digits = 3")
    }

    deinit { PQfinish(handle) }

    /// What the session connected with, so a second session can join the same database as the
    /// same role (a rebuild reads the live tables on one while it writes on this one).
    public let conninfo: String

    /// The server's process id for this connection (what `pg_terminate_backend` takes).
    public var backendPID: Int { Int(PQbackendPID(handle)) }

    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs one parameterized statement. Values travel as `$n` parameters, never as SQL text.
    /// - Parameter binaryResults: ask for PostgreSQL's binary format (read with
    ///   `PostgresRow.binary(_:)`), which avoids hex-encoding `bytea` on hot read paths.
    @discardableResult
    public func query(_ query: PostgresQuery, binaryResults: Bool = false) throws(PostgresError) -> PostgresRows {
        let count = query.binds.count
        var lengths = [Int32](repeating: 0, count: count)
        var formats = [Int32](repeating: 0, count: count)
        var storage: [[UInt8]?] = []
        storage.reserveCapacity(count)
        for (index, value) in query.binds.enumerated() {
            switch value {
            case .null: storage.append(nil)
            case .text(let text):
                var bytes = Array(text.utf8)
                bytes.append(0)
                storage.append(bytes)
            case .binary(let bytes):
                storage.append(bytes + [0])  // the extra byte gives an empty value a valid address
                lengths[index] = Int32(bytes.count)
                formats[index] = 1
            }
        }
        let raw = withParameterPointers(storage) { pointers in
            PQexecParams(handle, query.sql, Int32(count), nil, pointers, lengths, formats, binaryResults ? 1 : 0)
        }
        let result = try check(raw, sql: query.sql)
        return PostgresRows(result: result, affectedRows: Self.affectedRows(result.pointer))
    }

    /// Runs SQL text without parameters; it may hold several statements (a migration file).
    public func execute(_ sql: String) throws(PostgresError) {
        _ = try check(PQexec(handle, sql), sql: sql)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Nested calls join the outer transaction.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            return try body()
        }
        try execute("BEGIN")
        transactionDepth += 1
        do {
            let value = try body()
            transactionDepth -= 1
            try execute("COMMIT")
            return value
        } catch {
            transactionDepth -= 1
            if PQstatus(handle) == CONNECTION_OK { try? execute("ROLLBACK") }
            throw error
        }
    }

    public var isInTransaction: Bool { transactionDepth > 0 }

    /// Whether libpq still holds a working connection to the server.
    public var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Whether the server side is outside any transaction (also one begun with raw SQL).
    public var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// One place where every libpq result becomes either a result or a typed error.
    func check(_ raw: OpaquePointer?, sql: String?) throws(PostgresError) -> PostgresResult {
        guard let raw else {
            throw PostgresError(kind: .connection, message: Self.trimmedMessage(PQerrorMessage(handle)), query: sql)
        }
        let result = PostgresResult(raw)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_COPY_OUT:
            return result
        default:
            func field(_ code: Int32) -> String? { PQresultErrorField(raw, code).map { String(cString: $0) } }
            let message = field(CLibPQ_DIAG_MESSAGE_PRIMARY) ?? Self.trimmedMessage(PQresultErrorMessage(raw))
            let lost = PQstatus(handle) != CONNECTION_OK
            throw PostgresError(
                kind: lost ? .connection : .server, sqlState: field(CLibPQ_DIAG_SQLSTATE), message: message,
                detail: field(CLibPQ_DIAG_MESSAGE_DETAIL), hint: field(CLibPQ_DIAG_MESSAGE_HINT), query: sql)
        }
    }

    static func affectedRows(_ result: OpaquePointer) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    static func trimmedMessage(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown libpq error" }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown libpq error" : text.replacingOccurrences(of: "\n", with: " ")
    }
}

private func withParameterPointers<R>(_ storage: [[UInt8]?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafePointer<CChar>?] = []
    pointers.reserveCapacity(storage.count)
    func recurse(_ index: Int) -> R {
        if index == storage.count { return body(pointers) }
        guard let bytes = storage[index] else {
            pointers.append(nil)
            return recurse(index + 1)
        }
        return bytes.withUnsafeBufferPointer { buffer in
            pointers.append(UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self))
            return recurse(index + 1)
        }
    }
    return recurse(0)
}

extension PostgresSession {
    /// Whether the server refuses writes: a hot standby (in recovery) or a server whose
    /// transactions are read-only by default.
    public func serverIsReadOnly() throws -> Bool {
        try query("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only')::bool")[0].decode(Bool.self, 0)
    }

    /// Runs `body` in a read-only transaction that sees one snapshot of the database for all of
    /// its statements (REPEATABLE READ), so what a response says and the version it is tagged
    /// with agree.
    public func readOnlySnapshot<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else { return try body() }
        try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if isConnected { try? execute("ROLLBACK") }
            throw error
        }
    }
}
