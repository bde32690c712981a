import Synchronization

/// A clock that stands still until a test advances it, for logic that judges time (token
/// expiry) without the test waiting for that time to pass.
final class ManualClock: Sendable {
    private let origin = ContinuousClock.now
    private let elapsed = Mutex(Duration.zero)

    /// The current reading: the moment of creation plus every advance so far.
    var now: ContinuousClock.Instant { origin + elapsed.withLock { $0 } }

    /// `now` as a closure, the form configurations take.
    var reading: @Sendable () -> ContinuousClock.Instant { { self.now } }

    func advance(by duration: Duration) {
        precondition(duration >= .zero, "time does not run backwards")
        elapsed.withLock { $0 += duration }
    }
}
