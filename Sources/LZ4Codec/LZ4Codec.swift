import CLZ4

/// LZ4 block compression, optionally against a dictionary.
///
/// A block does not record its own size, so the caller stores the uncompressed length beside
/// it (the ledger's `raw_len`) and passes it back to `decompress`, which refuses any block that
/// does not decode to exactly that many bytes.
public enum LZ4Codec {
    /// The largest input one block accepts (LZ4_MAX_INPUT_SIZE).
    public static let maximumInputSize = 0x7E00_0000

    public static func compressBound(_ size: Int) -> Int { Int(LZ4_compressBound(Int32(size))) }

    /// Compresses `input` as one block, without a dictionary.
    public static func compress(_ input: [UInt8]) throws(LZ4Error) -> [UInt8] {
        guard input.count <= maximumInputSize else { throw .inputTooLarge(input.count) }
        let capacity = compressBound(input.count)
        var output = [UInt8](repeating: 0, count: max(capacity, 1))
        // An empty array may have no address; LZ4 needs a valid pointer even for 0 bytes.
        let source = input.isEmpty ? [0] : input
        let written = source.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                source.withMemoryRebound(to: CChar.self) { src in
                    destination.withMemoryRebound(to: CChar.self) { dst in
                        LZ4_compress_default(src.baseAddress, dst.baseAddress, Int32(input.count), Int32(capacity))
                    }
                }
            }
        }
        output.removeSubrange(Int(written)...)
        return output
    }

    /// Decodes one block that must expand to exactly `decompressedSize` bytes. Corrupt or
    /// truncated input throws; the decoder never reads or writes outside its buffers.
    public static func decompress(
        _ block: some Collection<UInt8>, decompressedSize: Int, dictionary: LZ4Dictionary? = nil
    ) throws(LZ4Error) -> [UInt8] {
        guard decompressedSize >= 0, decompressedSize <= maximumInputSize else { throw .invalidDeclaredSize(decompressedSize) }
        let input = Array(block)
        guard !input.isEmpty else { throw .corrupt(inputSize: 0) }
        // One spare byte: a block that would decode to more than declared then shows as a
        // size mismatch instead of filling the buffer exactly.
        let capacity = decompressedSize + 1
        var output = [UInt8](repeating: 0, count: capacity)
        let decoded: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                source.withMemoryRebound(to: CChar.self) { src in
                    destination.withMemoryRebound(to: CChar.self) { dst in
                        if let dictionary {
                            return dictionary.bytes.withUnsafeBufferPointer { dict in
                                dict.withMemoryRebound(to: CChar.self) { dictChars in
                                    LZ4_decompress_safe_usingDict(
                                        src.baseAddress, dst.baseAddress, Int32(input.count), Int32(capacity),
                                        dictChars.baseAddress, Int32(dictChars.count))
                                }
                            }
                        }
                        return LZ4_decompress_safe(src.baseAddress, dst.baseAddress, Int32(input.count), Int32(capacity))
                    }
                }
            }
        }
        guard decoded >= 0 else { throw .corrupt(inputSize: input.count) }
        guard Int(decoded) == decompressedSize else { throw .sizeMismatch(declared: decompressedSize, actual: Int(decoded)) }
        output.removeLast()
        return output
    }

    /// Decodes one block into `output`, which must hold exactly the declared size plus one
    /// spare byte (so a block that decodes to more shows as a size mismatch). Returns the
    /// decoded size, which the caller compares with what it declared; no copy of the input
    /// and no allocation, for a reader that checks every event of the ledger.
    public static func decompress(
        _ block: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, dictionary: LZ4Dictionary?
    ) throws(LZ4Error) -> Int {
        guard let source = block.baseAddress, !block.isEmpty else { throw .corrupt(inputSize: 0) }
        guard let destination = output.baseAddress else { throw .invalidDeclaredSize(0) }
        let src = source.assumingMemoryBound(to: CChar.self)
        let dst = destination.assumingMemoryBound(to: CChar.self)
        let decoded: Int32
        if let dictionary {
            decoded = dictionary.bytes.withUnsafeBufferPointer { dict in
                dict.withMemoryRebound(to: CChar.self) { dictChars in
                    LZ4_decompress_safe_usingDict(src, dst, Int32(block.count), Int32(output.count), dictChars.baseAddress, Int32(dictChars.count))
                }
            }
        } else {
            decoded = LZ4_decompress_safe(src, dst, Int32(block.count), Int32(output.count))
        }
        guard decoded >= 0 else { throw .corrupt(inputSize: block.count) }
        return Int(decoded)
    }
}
