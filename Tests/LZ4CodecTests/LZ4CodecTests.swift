import LZ4Codec
import Testing

private func sampleDocument(_ seed: Int) -> [UInt8] {
    Array(#"{"id":\#(seed),"systemName":"WS-ACME-\#(seed)","nodeClass":"WINDOWS_WORKSTATION","os":{"name":"Windows 11 Pro","architecture":"64-bit","buildNumber":"22631"},"memory":{"capacity":17179869184},"volumes":[{"name":"C:","capacity":511101108224}]}"#.utf8)
}

private func incompressible(_ count: Int) -> [UInt8] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}

@Suite("LZ4 blocks")
struct LZ4CodecTests {
    static let inputs: [(String, [UInt8])] = [
        ("empty", []),
        ("one byte", [0x41]),
        ("64 KiB of JSON", Array((0..<400).flatMap { sampleDocument($0) }.prefix(65_536))),
        ("incompressible 64 KiB", incompressible(65_536)),
    ]
    static let dictionary = LZ4Dictionary(sampleDocument(999) + sampleDocument(1000))

    static let inputNames = inputs.map(\.0)
    static func input(_ name: String) -> [UInt8] { inputs.first { $0.0 == name }!.1 }

    @Test("round trips without a dictionary", arguments: inputNames)
    func roundTrip(name: String) throws {
        let input = Self.input(name)
        let block = try LZ4Codec.compress(input)
        #expect(try LZ4Codec.decompress(block, decompressedSize: input.count) == input)
    }

    @Test("round trips with a dictionary", arguments: inputNames)
    func roundTripWithDictionary(name: String) throws {
        let input = Self.input(name)
        let compressor = LZ4DictionaryCompressor(dictionary: Self.dictionary)
        let block = try compressor.compress(input)
        #expect(try LZ4Codec.decompress(block, decompressedSize: input.count, dictionary: Self.dictionary) == input)
    }

    @Test("a dictionary makes a small document several times smaller")
    func dictionaryHelps() throws {
        let document = sampleDocument(42)
        let plain = try LZ4Codec.compress(document)
        let withDictionary = try LZ4DictionaryCompressor(dictionary: Self.dictionary).compress(document)
        #expect(withDictionary.count * 3 < plain.count)
    }

    @Test("every truncation of a block is rejected", arguments: [false, true])
    func truncations(useDictionary: Bool) throws {
        let input = Array((0..<20).flatMap { sampleDocument($0) })
        let dictionary = useDictionary ? Self.dictionary : nil
        let block = try dictionary.map { try LZ4DictionaryCompressor(dictionary: $0).compress(input) } ?? LZ4Codec.compress(input)
        for length in 0..<block.count {
            #expect(throws: LZ4Error.self) {
                try LZ4Codec.decompress(block.prefix(length), decompressedSize: input.count, dictionary: dictionary)
            }
        }
    }

    @Test("a wrong declared size is an error, larger or smaller")
    func wrongSize() throws {
        let input = sampleDocument(7)
        let block = try LZ4Codec.compress(input)
        #expect(throws: LZ4Error.self) { try LZ4Codec.decompress(block, decompressedSize: input.count - 1) }
        #expect(throws: LZ4Error.self) { try LZ4Codec.decompress(block, decompressedSize: input.count + 1) }
        #expect(throws: LZ4Error.self) { try LZ4Codec.decompress(block, decompressedSize: -1) }
    }

    @Test("random garbage never crashes the decoder")
    func garbage() {
        for length in [1, 2, 5, 17, 300] {
            let noise = incompressible(length)
            _ = try? LZ4Codec.decompress(noise, decompressedSize: 4096)
            _ = try? LZ4Codec.decompress(noise, decompressedSize: 4096, dictionary: Self.dictionary)
        }
        #expect(throws: LZ4Error.self) { try LZ4Codec.decompress([0xFF, 0xFF, 0xFF], decompressedSize: 10) }
    }

    @Test("a block made with a dictionary does not decode without it")
    func dictionaryRequired() throws {
        let input = sampleDocument(3)
        let block = try LZ4DictionaryCompressor(dictionary: Self.dictionary).compress(input)
        let decoded = try? LZ4Codec.decompress(block, decompressedSize: input.count)
        #expect(decoded != input)
    }
}
