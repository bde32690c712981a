/// Holds NinjaOne's bearer token so every request of a run reuses it until shortly before it
/// expires, and so that concurrent requests that hit a 401 share one refresh.
///
/// Expiry is judged by `now`, the monotonic system clock unless the configuration injects
/// another (tests move time explicitly instead of waiting for a token to lapse).
actor NinjaOneTokenStore {
    struct Grant: Sendable {
        let token: String
        let lifetime: Duration
    }

    private let now: @Sendable () -> ContinuousClock.Instant
    private var current: (token: String, expiresAt: ContinuousClock.Instant)?
    private var refreshing: Task<Grant, any Error>?

    init(now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.now = now
    }

    /// A token to use. `stale` is a token the vendor just refused: if it is still the current
    /// one it is replaced, if another request already replaced it the new one is returned.
    func token(replacing stale: String? = nil, fetch: @escaping @Sendable () async throws -> Grant) async throws -> String {
        if let current, current.token != stale, now() < current.expiresAt {
            return current.token
        }
        if let refreshing { return try await refreshing.value.token }
        // The lifetime counts from when the vendor issued the token, which is no later than
        // when it was asked for: a slow answer must not make the token look fresher than it is.
        let requestedAt = now()
        let task = Task { try await fetch() }
        refreshing = task
        defer { refreshing = nil }
        let grant = try await task.value
        // Renew a little before the vendor's expiry so a token never lapses mid-request.
        let margin = min(Duration.seconds(30), grant.lifetime / 10)
        current = (grant.token, requestedAt + grant.lifetime - margin)
        return grant.token
    }
}
