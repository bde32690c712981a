import CLibPQ

extension PostgresSession {
    /// Streams rows into `COPY table (columns) FROM STDIN`. When `body` throws, the COPY is
    /// aborted (nothing of it is kept) and the error is rethrown.
    /// - Returns: the number of rows the server reports as copied.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (PostgresCopyWriter) throws -> Void) throws -> Int {
        _ = try check(PQexec(handle, sql), sql: sql)
        let writer = PostgresCopyWriter(flush: { [handle] chunk in try Self.put(chunk, handle: handle, sql: sql) })
        do {
            try body(writer)
            if !writer.buffer.isEmpty { try Self.put(writer.buffer, handle: handle, sql: sql) }
        } catch {
            PQputCopyEnd(handle, "aborted by the client")
            drainResults(sql: sql)
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw PostgresError(kind: .connection, message: Self.trimmedMessage(PQerrorMessage(handle)), query: sql)
        }
        var copied = 0
        var firstError: PostgresError?
        while let raw = PQgetResult(handle) {
            do {
                let result = try check(raw, sql: sql)
                copied = Self.affectedRows(result.pointer)
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return copied
    }

    private static func put(_ chunk: [UInt8], handle: OpaquePointer, sql: String) throws {
        let status = chunk.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else {
            throw PostgresError(kind: .connection, message: "COPY failed: \(trimmedMessage(PQerrorMessage(handle)))", query: sql)
        }
    }

    private func drainResults(sql: String) {
        while let raw = PQgetResult(handle) { _ = try? check(raw, sql: sql) }
    }
}
