/// One request a simulator answered, for tests that check paging, retries and token reuse.
/// Headers and bodies are not kept: they carry credentials.
public struct RecordedRequest: Sendable, Hashable {
    /// The endpoint asked for; nil for an unknown path.
    public let endpoint: SimulatedEndpoint?
    /// `GET` or `POST`.
    public let method: String
    /// The path without the query.
    public let path: String
    /// The page the request asked for (1-based), when the endpoint is paged.
    public let page: Int?
    /// The page size asked for, when the endpoint is paged.
    public let pageSize: Int?
    /// The status the simulator answered with.
    public let status: Int
}
