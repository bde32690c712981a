import Foundation

/// Builds the tuples of a `COPY … FROM STDIN (FORMAT binary)` and hands them to libpq in large
/// chunks: the server neither parses text nor decodes hex, which for a row of three `bytea`
/// columns is a fifth of its work. Every row has `fieldCount` fields, appended in column order
/// with the method of the column's exact type (binary COPY does no casts), then `endRow()`.
/// `PostgresSession.copyInBinary` writes the header and the trailer.
public final class PostgresBinaryCopyWriter {
    private static let flushThreshold = 1 << 18
    /// `PGCOPY\n\377\r\n\0`, no flags, no header extension.
    static let header: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]
    static let trailer: [UInt8] = [0xFF, 0xFF]
    /// Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01.
    private static let epochOffsetMicros = Int64(PostgresBinary.epochOffsetDays) * 86_400_000_000

    var buffer: [UInt8] = []
    let fieldCount: Int
    private var fieldsInRow = 0
    private(set) public var rowCount = 0
    let flush: ([UInt8]) throws -> Void

    init(fieldCount: Int, flush: @escaping ([UInt8]) throws -> Void) {
        self.fieldCount = fieldCount
        self.flush = flush
        buffer.reserveCapacity(Self.flushThreshold + 4096)
        buffer.append(contentsOf: Self.header)
    }

    private func beginField(length: Int) {
        if fieldsInRow == 0 { appendBigEndian(UInt16(fieldCount)) }
        precondition(fieldsInRow < fieldCount, "a binary COPY row has \(fieldCount) fields")
        fieldsInRow += 1
        appendBigEndian(UInt32(bitPattern: Int32(length)))
    }

    private func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    public func appendNull() { beginField(length: -1) }

    /// `bigint`.
    public func appendInt64(_ value: Int64?) {
        guard let value else { return appendNull() }
        beginField(length: 8)
        appendBigEndian(value)
    }

    /// `integer`.
    public func appendInt32(_ value: Int?) {
        guard let value else { return appendNull() }
        beginField(length: 4)
        appendBigEndian(Int32(truncatingIfNeeded: value))
    }

    /// `text`, as UTF-8.
    public func appendText(_ text: String?) {
        guard var text else { return appendNull() }
        text.withUTF8 { utf8 in
            beginField(length: utf8.count)
            buffer.append(contentsOf: utf8)
        }
    }

    /// `uuid`.
    public func appendUUID(_ uuid: UUID) {
        beginField(length: 16)
        withUnsafeBytes(of: uuid.uuid) { buffer.append(contentsOf: $0) }
    }

    /// `date`.
    public func appendDate(_ date: CalendarDate?) {
        guard let date else { return appendNull() }
        beginField(length: 4)
        appendBigEndian(Int32(date.daysSinceEpoch - PostgresBinary.epochOffsetDays))
    }

    /// `timestamptz`, from microseconds since 1970-01-01 UTC.
    public func appendTimestamp(micros: Int64) {
        beginField(length: 8)
        appendBigEndian(micros - Self.epochOffsetMicros)
    }

    /// `bytea`, its bytes as they are.
    public func appendBytea(_ bytes: [UInt8]) {
        beginField(length: bytes.count)
        buffer.append(contentsOf: bytes)
    }

    public func endRow() throws {
        precondition(fieldsInRow == fieldCount, "a binary COPY row has \(fieldCount) fields, not \(fieldsInRow)")
        fieldsInRow = 0
        rowCount += 1
        if buffer.count >= Self.flushThreshold {
            try flush(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
