/// A block that cannot be decoded: corrupt, truncated, or not of the size it claims.
public enum LZ4Error: Error, Sendable, Equatable, CustomStringConvertible {
    case corrupt(inputSize: Int)
    case sizeMismatch(declared: Int, actual: Int)
    case invalidDeclaredSize(Int)
    case inputTooLarge(Int)

    public var description: String {
        switch self {
        case .corrupt(let size): return "the LZ4 block of \(size) bytes is corrupt or truncated"
        case .sizeMismatch(let declared, let actual): return "the LZ4 block decodes to \(actual) bytes, not the declared \(declared)"
        case .invalidDeclaredSize(let size): return "the declared uncompressed size \(size) is not valid"
        case .inputTooLarge(let size): return "\(size) bytes are more than one LZ4 block can hold"
        }
    }
}
