import CLibPQ

extension PostgresSession {
    /// Streams rows into `COPY table (columns) FROM STDIN`. When `body` throws, the COPY is
    /// aborted (nothing of it is kept) and the error is rethrown.
    /// - Returns: the number of rows the server reports as copied.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (PostgresCopyWriter) throws -> Void) throws -> Int {
        try streamCopyIn(sql) { flush in
            let writer = PostgresCopyWriter(flush: flush)
            try body(writer)
            return writer.buffer
        }
    }

    /// Streams rows into `COPY table (columns) FROM STDIN (FORMAT binary)` (`sql` names the
    /// format), each of `fieldCount` fields; the header and trailer are written here. When
    /// `body` throws, the COPY is aborted (nothing of it is kept) and the error is rethrown.
    /// - Returns: the number of rows the server reports as copied.
    @discardableResult
    public func copyInBinary(_ sql: String, fieldCount: Int, _ body: (PostgresBinaryCopyWriter) throws -> Void) throws -> Int {
        try streamCopyIn(sql) { flush in
            let writer = PostgresBinaryCopyWriter(fieldCount: fieldCount, flush: flush)
            try body(writer)
            return writer.buffer + PostgresBinaryCopyWriter.trailer
        }
    }

    /// Starts the COPY, lets `produce` write through the flush it is given and return what is
    /// left to send, then ends the COPY and collects its result; when `produce` throws, the
    /// COPY is aborted and the error rethrown.
    private func streamCopyIn(_ sql: String, _ produce: (_ flush: @escaping ([UInt8]) throws -> Void) throws -> [UInt8]) throws -> Int {
        _ = try check(PQexec(handle, sql), sql: sql)
        do {
            let rest = try produce { [handle] chunk in try Self.put(chunk, handle: handle, sql: sql) }
            if !rest.isEmpty { try Self.put(rest, handle: handle, sql: sql) }
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

    /// Runs `COPY … TO STDOUT` and hands each chunk the server sends (one row in the text and
    /// CSV formats, one tuple in the binary format; the binary header rides on the first) to
    /// `body`, in order. When `body` throws, the connection is drained and the error rethrown.
    /// - Returns: the number of rows the server reports as copied.
    @discardableResult
    public func copyOut(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        _ = try check(PQexec(handle, sql), sql: sql)
        var failure: (any Error)?
        while true {
            var chunk: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &chunk, 0)
            guard length >= 0, let chunk else {
                if length == -2 {
                    failure = failure ?? PostgresError(kind: .connection, message: "COPY failed: \(Self.trimmedMessage(PQerrorMessage(handle)))", query: sql)
                }
                break
            }
            defer { PQfreemem(chunk) }
            if failure == nil {
                do { try body(UnsafeRawBufferPointer(start: chunk, count: Int(length))) } catch { failure = error }
            }
        }
        var copied = 0
        while let raw = PQgetResult(handle) {
            do {
                copied = Self.affectedRows(try check(raw, sql: sql).pointer)
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
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
