/// How hard a client tries before a run fails: bounded attempts with exponential backoff and
/// jitter for 429, 5xx and transport errors, honouring the vendor's `Retry-After` up to a cap.
public struct RetryPolicy: Sendable, Hashable {
    /// Total sends of one request, the first included.
    public var maxAttempts: Int
    /// Backoff before the second attempt; doubled for each further attempt.
    public var baseDelay: Duration
    /// The longest pause between attempts without `Retry-After`.
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; longer requests are shortened to this.
    public var maxRetryAfter: Duration

    /// Four attempts, 0.5 s doubling to at most 30 s, `Retry-After` up to 60 s.
    public init(
        maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The pause before `attempt` (2 for the first retry): the vendor's `Retry-After` when it
    /// sent one, else half to all of the exponential delay, chosen at random so that many
    /// clients do not retry in step.
    public func delay(beforeAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), maxRetryAfter) }
        let exponent = max(0, min(attempt - 2, 30))
        let full = min(baseDelay * (1 << exponent), maxDelay)
        return full / 2 + full / 2 * Double.random(in: 0...1)
    }

    /// Statuses worth another attempt: rate limiting and server-side failures, except those a
    /// retry cannot change (501 Not Implemented, 505 HTTP Version Not Supported).
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 408 || ((500...599).contains(status) && status != 501 && status != 505)
    }
}
