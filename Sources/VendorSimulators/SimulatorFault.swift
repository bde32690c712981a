import InventoryJSON

/// A misbehaviour a simulator shows on request, to prove that clients retry what is worth
/// retrying and fail clearly on the rest.
///
/// A fault fires on matching requests `times` times and then clears itself; `times: nil` makes
/// it persistent. Pages are numbered from 1 in both vendors (for NinjaOne's cursor paging, the
/// page a request's `after` cursor points into).
public struct SimulatorFault: Sendable, Hashable {
    /// How the simulator misbehaves.
    public enum Kind: Sendable, Hashable {
        /// Answer with this 5xx status.
        case serverError(status: Int)
        /// Answer 429 with `Retry-After` in seconds.
        case rateLimited(retryAfterSeconds: Int)
        /// Answer 401 as if the bearer token had expired, and forget every issued token so
        /// that only a fresh token works afterwards.
        case expiredToken
        /// Answer 200 with a JSON body cut off halfway.
        case malformedJSON
        /// Answer 200 with the page's first item's `field` set to `value`, or removed when
        /// `value` is nil: a vendor item the collector must refuse (no `computerId`, a
        /// numeric `hostname`).
        case alteredItem(field: String, value: JSONValue?)
    }

    /// The misbehaviour.
    public var kind: Kind
    /// The endpoint it applies to; nil means every endpoint but the token endpoint.
    public var endpoint: SimulatedEndpoint?
    /// The page it applies to; nil means every request to the endpoint.
    public var page: Int?
    /// How many more times it fires; nil means always.
    public var times: Int?

    /// A fault on `endpoint` (every endpoint but the token's when nil), `page` (every request
    /// when nil), firing `times` times (always when nil).
    public init(_ kind: Kind, endpoint: SimulatedEndpoint?, page: Int? = nil, times: Int? = 1) {
        self.kind = kind
        self.endpoint = endpoint
        self.page = page
        self.times = times
    }

    /// A 5xx on one page: transient with `times: 1`, persistent with `times: nil`.
    public static func serverError(_ status: Int = 503, on endpoint: SimulatedEndpoint, page: Int, times: Int? = 1) -> Self {
        Self(.serverError(status: status), endpoint: endpoint, page: page, times: times)
    }

    /// A 429 with `Retry-After`, once by default.
    public static func rateLimited(retryAfterSeconds: Int = 1, on endpoint: SimulatedEndpoint, page: Int? = nil, times: Int? = 1) -> Self {
        Self(.rateLimited(retryAfterSeconds: retryAfterSeconds), endpoint: endpoint, page: page, times: times)
    }

    /// NinjaOne's bearer token expires: once (a refresh cures it) or always (nothing does).
    public static func expiredToken(times: Int? = 1) -> Self {
        Self(.expiredToken, endpoint: nil, page: nil, times: times)
    }

    /// The first item of one page with `field` set to `value` (removed when nil), every time
    /// by default.
    public static func alteredItem(_ field: String, to value: JSONValue?, on endpoint: SimulatedEndpoint, page: Int, times: Int? = nil) -> Self {
        Self(.alteredItem(field: field, value: value), endpoint: endpoint, page: page, times: times)
    }

    /// A body that is not valid JSON on one page (every time by default).
    public static func malformedJSON(on endpoint: SimulatedEndpoint, page: Int, times: Int? = nil) -> Self {
        Self(.malformedJSON, endpoint: endpoint, page: page, times: times)
    }

    func matches(_ candidate: SimulatedEndpoint, page candidatePage: Int?) -> Bool {
        if let endpoint, endpoint != candidate { return false }
        if endpoint == nil, candidate == .token { return false }
        if let page, page != candidatePage { return false }
        return times.map { $0 > 0 } ?? true
    }
}
