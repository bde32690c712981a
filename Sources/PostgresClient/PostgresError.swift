/// A failure reported by libpq or the server, with the SQLSTATE when the server gave one.
///
/// `description` is the one sentence a person reads (the server's message and its code);
/// `debugDescription` adds detail, hint and the SQL text for logs, never the parameter values.
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

    public var description: String {
        if let sqlState { return "\(message) (SQLSTATE \(sqlState))" }
        return message
    }

    public var debugDescription: String {
        var parts = [description]
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let query { parts.append("query: \(query)") }
        return parts.joined(separator: "; ")
    }
}
