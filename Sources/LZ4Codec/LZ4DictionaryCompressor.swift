import CLZ4

/// Compresses many independent blocks against one dictionary, reusing one LZ4 stream state.
///
/// Each block stays individually decodable with `LZ4Codec.decompress(_:decompressedSize:dictionary:)`.
/// Debian's liblz4 does not export `LZ4_attach_dictionary`, so the dictionary is loaded again
/// for every block, at a cost proportional to its size: small dictionaries compress faster.
/// Not `Sendable`: one compressor per thread.
public final class LZ4DictionaryCompressor {
    public let dictionary: LZ4Dictionary
    private let stream: UnsafeMutablePointer<LZ4_stream_t>
    private var output: [UInt8] = []

    public init(dictionary: LZ4Dictionary) {
        self.dictionary = dictionary
        self.stream = LZ4_createStream()
    }

    deinit { LZ4_freeStream(stream) }

    public func compress(_ input: some Collection<UInt8>) throws(LZ4Error) -> [UInt8] {
        let bytes = Array(input)
        guard bytes.count <= LZ4Codec.maximumInputSize else { throw .inputTooLarge(bytes.count) }
        let capacity = max(LZ4Codec.compressBound(bytes.count), 1)
        // An empty array may have no address; LZ4 needs a valid pointer even for 0 bytes.
        let source = bytes.isEmpty ? [0] : bytes
        if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
        LZ4_resetStream_fast(stream)
        dictionary.bytes.withUnsafeBufferPointer { dict in
            dict.withMemoryRebound(to: CChar.self) { chars in
                _ = LZ4_loadDict(stream, chars.baseAddress, Int32(chars.count))
            }
        }
        let written = source.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                src.withMemoryRebound(to: CChar.self) { s in
                    dst.withMemoryRebound(to: CChar.self) { d in
                        LZ4_compress_fast_continue(stream, s.baseAddress, d.baseAddress, Int32(bytes.count), Int32(capacity), 1)
                    }
                }
            }
        }
        return Array(output[0..<Int(written)])
    }
}
