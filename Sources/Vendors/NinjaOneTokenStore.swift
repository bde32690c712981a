/// Holds NinjaOne's bearer token so every request of a run reuses it until shortly before it
/// expires, and so that concurrent requests that hit a 401 share one refresh.
actor NinjaOneTokenStore {
    struct Grant: Sendable {
        let token: String
        let lifetime: Duration
    }

    private var current: (token: String, expiresAt: ContinuousClock.Instant)?
    private var refreshing: Task<Grant, any Error>?

    /// A token to use. `stale` is a token the vendor just refused: if it is still the current
    /// one it is replaced, if another request already replaced it the new one is returned.
    func token(replacing stale: String? = nil, fetch: @escaping @Sendable () async throws -> Grant) async throws -> String {
        if let current, current.token != stale, ContinuousClock.now < current.expiresAt {
            return current.token
        }
        if let refreshing { return try await refreshing.value.token }
        let task = Task { try await fetch() }
        refreshing = task
        defer { refreshing = nil }
        let grant = try await task.value
        // Renew a little before the vendor's expiry so a token never lapses mid-request.
        let margin = min(Duration.seconds(30), grant.lifetime / 10)
        current = (grant.token, .now + grant.lifetime - margin)
        return grant.token
    }
}
