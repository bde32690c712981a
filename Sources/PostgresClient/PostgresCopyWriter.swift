/// Builds the rows of a `COPY … FROM STDIN` in PostgreSQL's text format and hands them to
/// libpq in large chunks. Fields are appended in column order; `endRow()` closes a row.
public final class PostgresCopyWriter {
    private static let flushThreshold = 1 << 18
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    var buffer: [UInt8] = []
    private var fieldsInRow = 0
    private(set) public var rowCount = 0
    let flush: ([UInt8]) throws -> Void

    init(flush: @escaping ([UInt8]) throws -> Void) {
        self.flush = flush
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    private func separate() {
        if fieldsInRow > 0 { buffer.append(0x09) }
        fieldsInRow += 1
    }

    public func appendNull() {
        separate()
        buffer.append(contentsOf: [0x5C, 0x4E])  // \N
    }

    public func appendText(_ text: String?) {
        guard let text else { return appendNull() }
        separate()
        let utf8 = text.utf8
        // Most values need no escaping: copy them in one go.
        guard utf8.contains(where: { $0 == 0x5C || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            buffer.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
            case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
            default: buffer.append(byte)
            }
        }
    }

    public func appendInt(_ value: Int?) {
        guard let value else { return appendNull() }
        separate()
        buffer.append(contentsOf: String(value).utf8)
    }

    public func appendBool(_ value: Bool?) {
        guard let value else { return appendNull() }
        separate()
        buffer.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    public func appendValue(_ value: some PostgresEncodable) {
        switch value.postgresValue {
        case .null: appendNull()
        case .text(let text): appendText(text)
        case .binary(let bytes): appendBytea(bytes)
        }
    }

    /// A `bytea` value as `\\x` + hex (the backslash itself escaped for the text format).
    /// Contiguous bytes (an array, a buffer) take one concrete pass through a pair table; the
    /// generic path would otherwise iterate byte by byte through the protocol from another module.
    public func appendBytea(_ bytes: some Collection<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ appendHex(UnsafeRawBufferPointer($0)) }) == nil {
            appendBytea(Array(bytes))
        }
    }

    public func appendBytea(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { appendHex($0) }
    }

    private func appendHex(_ bytes: UnsafeRawBufferPointer) {
        separate()
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: 3 + 2 * bytes.count))
        buffer.withUnsafeMutableBufferPointer { output in
            output[start] = 0x5C
            output[start + 1] = 0x5C
            output[start + 2] = 0x78
            guard var out = output.baseAddress.map({ UnsafeMutableRawPointer($0 + start + 3) }) else { return }
            Self.hexPairs.withUnsafeBufferPointer { pairs in
                for byte in bytes {
                    out.storeBytes(of: pairs[Int(byte)], as: UInt16.self)
                    out += 2
                }
            }
        }
    }

    /// The two ASCII hex digits of every byte value, in memory order (for little- and big-endian
    /// alike), so a byte is written with one 16-bit store.
    private static let hexPairs: [UInt16] = (0..<256).map { value in
        var pair: UInt16 = 0
        withUnsafeMutableBytes(of: &pair) { raw in
            raw[0] = hexDigits[value >> 4]
            raw[1] = hexDigits[value & 0x0F]
        }
        return pair
    }

    /// Bytes already in the COPY's format (a chunk of another server's `COPY … TO STDOUT` in
    /// the same format), passed through as they are.
    public func appendRaw(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold {
            try flush(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    public func endRow() throws {
        buffer.append(0x0A)
        fieldsInRow = 0
        rowCount += 1
        if buffer.count >= Self.flushThreshold {
            try flush(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
