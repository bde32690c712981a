import CLZ4

/// Compresses many independent blocks against one dictionary, reusing one LZ4 stream state.
///
/// Each block stays individually decodable with `LZ4Codec.decompress(_:decompressedSize:dictionary:)`.
/// Debian's liblz4 does not export `LZ4_attach_dictionary`, and `LZ4_loadDict` costs time
/// proportional to the dictionary for every block. Instead the dictionary is loaded once into
/// a primed stream state, and each block starts from a copy of that state (a plain struct copy,
/// which liblz4's own frame code did before `LZ4_attach_dictionary` existed): large
/// dictionaries then cost nothing per block. Not `Sendable`: one compressor per thread.
public final class LZ4DictionaryCompressor {
    public let dictionary: LZ4Dictionary
    /// The dictionary bytes the primed state points into; kept alive and never moved.
    private let dictionaryBuffer: UnsafeMutableBufferPointer<CChar>
    private let primed: UnsafeMutablePointer<LZ4_stream_t>
    private let stream: UnsafeMutablePointer<LZ4_stream_t>
    private var output: [UInt8] = []

    public init(dictionary: LZ4Dictionary) {
        self.dictionary = dictionary
        dictionaryBuffer = .allocate(capacity: max(dictionary.bytes.count, 1))
        _ = dictionaryBuffer.initialize(from: dictionary.bytes.map { CChar(bitPattern: $0) })
        primed = LZ4_createStream()
        stream = LZ4_createStream()
        LZ4_loadDict(primed, dictionaryBuffer.baseAddress, Int32(dictionary.bytes.count))
    }

    deinit {
        LZ4_freeStream(stream)
        LZ4_freeStream(primed)
        dictionaryBuffer.deallocate()
    }

    public func compress(_ input: some Collection<UInt8>) throws(LZ4Error) -> [UInt8] {
        let bytes = Array(input)
        guard bytes.count <= LZ4Codec.maximumInputSize else { throw .inputTooLarge(bytes.count) }
        let capacity = max(LZ4Codec.compressBound(bytes.count), 1)
        // An empty array may have no address; LZ4 needs a valid pointer even for 0 bytes.
        let source = bytes.isEmpty ? [0] : bytes
        if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
        stream.pointee = primed.pointee
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
