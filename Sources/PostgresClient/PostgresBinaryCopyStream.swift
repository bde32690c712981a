/// Reads the chunks of a `COPY … TO STDOUT (FORMAT binary)` as `copyOut` hands them over (one
/// tuple each; the header rides on the first, the trailer comes alone): the tuples, and the
/// fields of a tuple in place.
public struct PostgresBinaryCopyStream {
    private var sawHeader = false

    public init() {}

    /// The tuple in `chunk`, after the header on the first chunk; nil for the trailer (and for
    /// a first chunk that is the header alone).
    public mutating func tuple(in chunk: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer? {
        var tuple = chunk
        if !sawHeader {
            let signature = PostgresBinaryCopyWriter.header.prefix(11)
            guard chunk.count >= 19, chunk.prefix(11).elementsEqual(signature) else {
                throw PostgresError(kind: .protocolViolation, message: "a binary COPY did not start with the PGCOPY signature")
            }
            let extensionLength = Int(Self.uint32(chunk, at: 15))
            guard chunk.count >= 19 + extensionLength else {
                throw PostgresError(kind: .protocolViolation, message: "a binary COPY header was cut short")
            }
            tuple = UnsafeRawBufferPointer(rebasing: chunk[(19 + extensionLength)...])
            sawHeader = true
        }
        guard tuple.count >= 2, !(tuple[0] == 0xFF && tuple[1] == 0xFF) else { return nil }
        return tuple
    }

    /// The fields of one tuple, in column order, nil for NULL, pointing into `tuple`. False when
    /// the tuple is malformed (a length runs past its end).
    public static func fields(of tuple: UnsafeRawBufferPointer, into fields: inout [UnsafeRawBufferPointer?]) -> Bool {
        fields.removeAll(keepingCapacity: true)
        guard tuple.count >= 2 else { return false }
        let count = Int(UInt16(bigEndian: tuple.loadUnaligned(as: UInt16.self)))
        var offset = 2
        for _ in 0..<count {
            guard offset + 4 <= tuple.count else { return false }
            let length = Int(Int32(bitPattern: uint32(tuple, at: offset)))
            offset += 4
            if length < 0 {
                fields.append(nil)
                continue
            }
            guard offset + length <= tuple.count else { return false }
            fields.append(UnsafeRawBufferPointer(start: tuple.baseAddress! + offset, count: length))
            offset += length
        }
        return offset == tuple.count
    }

    /// Callers check `offset + 4 <= bytes.count` first.
    private static func uint32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
