/// A failure reported by libpq or the server, with the SQLSTATE when the server gave one.
///
/// `description` is generic on purpose (what kind of failure, and the SQLSTATE), so an error
/// that reaches an HTTP response or a shared log never carries the server's message, which may
/// quote data, or the SQL. `reason` is the server's sentence for the operator's own terminal;
/// `debugDescription` adds detail, hint and the SQL text for the server log, never parameter
/// values.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Kind: Sendable, Equatable {
        case connection
        case server
        case protocolViolation
        case decoding
    }

    public let kind: Kind
    /// Five-character SQLSTATE, e.g. `23505` for a unique violation; nil when not from the server.
    public let sqlState: String?
    public let message: String
    public let detail: String?
    public let hint: String?
    public let query: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil, query: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.query = query
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var isQueryCanceled: Bool { sqlState == "57014" }

    public var description: String {
        switch kind {
        case .connection: return "the database connection failed"
        case .server: return "the database reported an error" + (sqlState.map { " (SQLSTATE \($0))" } ?? "")
        case .protocolViolation: return "the database answered unexpectedly"
        case .decoding: return "a database value could not be read"
        }
    }

    /// The message from libpq or the server, with its SQLSTATE: for the operator's terminal.
    public var reason: String {
        if let sqlState { return "\(message) (SQLSTATE \(sqlState))" }
        return message
    }

    public var debugDescription: String {
        var parts = [reason]
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let query { parts.append("query: \(query)") }
        return parts.joined(separator: "; ")
    }
}
