/// One request a simulator answered, for tests that check paging, retries and token reuse.
/// Headers and bodies are not kept: they carry credentials.
public struct RecordedRequest: Sendable, Hashable {
    public let endpoint: SimulatedEndpoint?
    public let method: String
    /// The path without the query.
    public let path: String
    /// The page the request asked for (1-based), when the endpoint is paged.
    public let page: Int?
    public let pageSize: Int?
    public let status: Int
}
