/// Why the private cluster could not be created, started or stopped, in one sentence.
public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
