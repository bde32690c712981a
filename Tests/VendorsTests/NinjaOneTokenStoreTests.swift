import Synchronization
import Testing
@testable import Vendors

/// The token store's expiry rules on a clock the test moves itself, with no vendor behind it.
@Suite("NinjaOne token store")
struct NinjaOneTokenStoreTests {
    /// A token endpoint stand-in that numbers the tokens it issues, and can let time pass while
    /// it answers.
    final class Issuer: Sendable {
        let lifetime: Duration
        let clock: ManualClock
        let answerTakes: Duration
        private let issued = Mutex(0)

        init(lifetime: Duration, clock: ManualClock, answerTakes: Duration = .zero) {
            self.lifetime = lifetime
            self.clock = clock
            self.answerTakes = answerTakes
        }

        var count: Int { issued.withLock { $0 } }

        var fetch: @Sendable () async throws -> NinjaOneTokenStore.Grant {
            {
                let number = self.issued.withLock { count in
                    count += 1
                    return count
                }
                self.clock.advance(by: self.answerTakes)
                return NinjaOneTokenStore.Grant(token: "token-\(number)", lifetime: self.lifetime)
            }
        }
    }

    @Test(
        "a token is reused until a tenth of its lifetime, at most 30 s, before it expires",
        arguments: [(lifetime: 3600, renewedAt: 3570), (lifetime: 300, renewedAt: 270), (lifetime: 10, renewedAt: 9)])
    func renewalMargin(lifetime: Int, renewedAt: Int) async throws {
        let clock = ManualClock()
        let issuer = Issuer(lifetime: .seconds(lifetime), clock: clock)
        let store = NinjaOneTokenStore(now: clock.reading)
        #expect(try await store.token(fetch: issuer.fetch) == "token-1")
        clock.advance(by: .seconds(renewedAt) - .milliseconds(1))
        #expect(try await store.token(fetch: issuer.fetch) == "token-1")
        clock.advance(by: .milliseconds(1))
        #expect(try await store.token(fetch: issuer.fetch) == "token-2")
        #expect(try await store.token(fetch: issuer.fetch) == "token-2")
        #expect(issuer.count == 2)
    }

    @Test("the lifetime counts from when the token was asked for, not from when the answer came")
    func slowAnswer() async throws {
        let clock = ManualClock()
        let issuer = Issuer(lifetime: .seconds(3600), clock: clock, answerTakes: .seconds(20))
        let store = NinjaOneTokenStore(now: clock.reading)
        #expect(try await store.token(fetch: issuer.fetch) == "token-1")
        // Asked at 0, answered at 20 s: renewed at 3570 s on the clock, not at 3590 s.
        clock.advance(by: .seconds(3550) - .milliseconds(1))
        #expect(try await store.token(fetch: issuer.fetch) == "token-1")
        clock.advance(by: .milliseconds(1))
        #expect(try await store.token(fetch: issuer.fetch) == "token-2")
    }

    @Test("a refused token is replaced once; a request refused with a token already replaced gets the new one")
    func staleToken() async throws {
        let clock = ManualClock()
        let issuer = Issuer(lifetime: .seconds(3600), clock: clock)
        let store = NinjaOneTokenStore(now: clock.reading)
        let first = try await store.token(fetch: issuer.fetch)
        #expect(try await store.token(replacing: first, fetch: issuer.fetch) == "token-2")
        #expect(try await store.token(replacing: first, fetch: issuer.fetch) == "token-2")
        #expect(issuer.count == 2)
    }
}
