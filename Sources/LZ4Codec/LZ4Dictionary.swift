/// An immutable compression dictionary: bytes typical of the payloads it will compress.
/// LZ4 uses at most the last 64 KiB of a dictionary.
public struct LZ4Dictionary: Sendable, Hashable {
    public static let maximumSize = 64 * 1024
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes.count > Self.maximumSize ? Array(bytes.suffix(Self.maximumSize)) : bytes
    }
}
