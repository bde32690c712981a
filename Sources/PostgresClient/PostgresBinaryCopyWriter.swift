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

    /// `integer`. A value outside its range throws, as the server refuses it in text.
    public func appendInt32(_ value: Int?) throws {
        guard let value else { return appendNull() }
        guard let narrow = Int32(exactly: value) else {
            throw PostgresError(kind: .decoding, message: "\(value) is out of range for an integer column")
        }
        beginField(length: 4)
        appendBigEndian(narrow)
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
        appendBigEndian(micros - PostgresBinary.epochOffsetMicros)
    }

    /// `bytea`, its bytes as they are.
    public func appendBytea(_ bytes: [UInt8]) {
        beginField(length: bytes.count)
        buffer.append(contentsOf: bytes)
    }

    /// `boolean`.
    public func appendBool(_ value: Bool?) {
        guard let value else { return appendNull() }
        beginField(length: 1)
        buffer.append(value ? 1 : 0)
    }

    /// `timestamptz`, rounded to the microsecond as `PostgresTimestamp.format` rounds it.
    public func appendTimestamp(_ date: Date?) {
        guard let date else { return appendNull() }
        appendTimestamp(micros: PostgresTimestamp.micros(date))
    }

    /// `numeric`, from its plain decimal text (`-12.345`, `0.5`, `NaN`: what `Decimal`
    /// prints). The server applies the column's precision and scale as it does to text input.
    public func appendNumeric(_ text: String?) throws {
        guard let text else { return appendNull() }
        guard let numeric = PostgresNumeric(text) else {
            throw PostgresError(kind: .decoding, message: "\(text) is not a plain decimal number for a numeric column")
        }
        beginField(length: 8 + 2 * numeric.digits.count)
        appendBigEndian(Int16(numeric.digits.count))
        appendBigEndian(numeric.weight)
        appendBigEndian(numeric.sign)
        appendBigEndian(numeric.displayScale)
        for digit in numeric.digits { appendBigEndian(digit) }
    }

    /// `text[]`: one dimension from 1, no nulls; an empty array has no dimension, as `'{}'`.
    public func appendTextArray(_ texts: [String]) {
        let length = texts.reduce(texts.isEmpty ? 12 : 20) { $0 + 4 + $1.utf8.count }
        beginField(length: length)
        appendBigEndian(Int32(texts.isEmpty ? 0 : 1))
        appendBigEndian(Int32(0))
        appendBigEndian(UInt32(25))  // text's type OID
        if !texts.isEmpty {
            appendBigEndian(Int32(texts.count))
            appendBigEndian(Int32(1))
        }
        for var text in texts {
            text.withUTF8 { utf8 in
                appendBigEndian(Int32(utf8.count))
                buffer.append(contentsOf: utf8)
            }
        }
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

/// A decimal number in `numeric`'s binary form: base-10000 digits, the weight of the first, the
/// sign and the number of decimal places shown.
struct PostgresNumeric: Equatable {
    var digits: [Int16]
    var weight: Int16
    var sign: UInt16
    var displayScale: Int16

    static let positive: UInt16 = 0x0000
    static let negative: UInt16 = 0x4000
    static let notANumber: UInt16 = 0xC000

    /// Nil unless `text` is `[-]digits[.digits]` or `NaN`.
    init?(_ text: String) {
        if text == "NaN" {
            self.init(digits: [], weight: 0, sign: Self.notANumber, displayScale: 0)
            return
        }
        var utf8 = Substring(text).utf8[...]
        let isNegative = utf8.first == UInt8(ascii: "-")
        if isNegative { utf8 = utf8.dropFirst() }
        let parts = utf8.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty || parts.count == 2, parts.count <= 2,
              parts.allSatisfy({ $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }), parts.count == 1 || !parts[1].isEmpty
        else { return nil }
        let fraction = parts.count == 2 ? Array(parts[1]) : []
        guard fraction.count <= 0x3FFF else { return nil }
        let integer = Array(whole.drop { $0 == 0x30 })
        // Groups of four decimal digits, aligned on the decimal point.
        let integerPadded = [UInt8](repeating: 0x30, count: (4 - integer.count % 4) % 4) + integer
        let fractionPadded = fraction + [UInt8](repeating: 0x30, count: (4 - fraction.count % 4) % 4)
        func groups(_ bytes: [UInt8]) -> [Int16] {
            stride(from: 0, to: bytes.count, by: 4).map { start in
                bytes[start..<(start + 4)].reduce(Int16(0)) { $0 * 10 + Int16($1 - 0x30) }
            }
        }
        var all = groups(integerPadded) + groups(fractionPadded)
        var weight = integerPadded.count / 4 - 1
        while let first = all.first, first == 0 {
            all.removeFirst()
            weight -= 1
        }
        while let last = all.last, last == 0 { all.removeLast() }
        if all.isEmpty { weight = 0 }
        guard all.count <= Int(Int16.max), weight >= Int(Int16.min), weight <= Int(Int16.max) else { return nil }
        self.init(
            digits: all, weight: Int16(weight), sign: isNegative && !all.isEmpty ? Self.negative : Self.positive,
            displayScale: Int16(fraction.count))
    }

    init(digits: [Int16], weight: Int16, sign: UInt16, displayScale: Int16) {
        self.digits = digits
        self.weight = weight
        self.sign = sign
        self.displayScale = displayScale
    }
}
