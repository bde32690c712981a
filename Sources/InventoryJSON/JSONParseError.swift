/// Malformed JSON, located so a person can open the file at the problem.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset from the start of the input (0-based).
    public let offset: Int
    /// 1-based line and column (column counted in bytes).
    public let line: Int
    public let column: Int
    public let reason: String

    public var description: String {
        "malformed JSON at line \(line), column \(column) (byte \(offset)): \(reason)"
    }
}
