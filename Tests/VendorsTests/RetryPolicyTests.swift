import Testing
import Vendors

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test("backoff doubles from the base delay up to the cap, jittered within its upper half")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(100), maxDelay: .milliseconds(500))
        for (attempt, full) in [(2, 100), (3, 200), (4, 400), (5, 500), (8, 500)] {
            for _ in 0..<20 {
                let delay = policy.delay(beforeAttempt: attempt, retryAfter: nil)
                #expect(delay >= .milliseconds(full / 2) && delay <= .milliseconds(full))
            }
        }
    }

    @Test("Retry-After is honoured up to its cap")
    func retryAfter() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(10))
        #expect(policy.delay(beforeAttempt: 2, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(beforeAttempt: 2, retryAfter: .seconds(120)) == .seconds(10))
    }

    @Test("rate limits and server failures are retried, client errors are not", arguments: [
        (429, true), (500, true), (502, true), (503, true), (504, true), (408, true),
        (400, false), (401, false), (403, false), (404, false), (501, false), (505, false),
    ])
    func retryable(status: Int, expected: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == expected)
    }

    @Test("at least one attempt is always made")
    func minimumAttempts() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }
}
