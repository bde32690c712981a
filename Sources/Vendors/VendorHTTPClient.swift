import AsyncHTTPClient
import Logging
import NIOCore

/// The HTTP client the vendor clients are meant to run on, created for one collection and
/// shut down after it, so no connection outlives the run.
///
/// Redirects are not followed: a vendor API does not redirect, and following one could carry
/// the `Authorization` header to another host. Failed connection attempts are retried by the
/// pool only within `connectTimeout`; longer outages are the retry policy's business.
///
/// `retryingFailedConnects: false` fails a request as soon as its connection attempt fails,
/// leaving every retry to the vendor client's `RetryPolicy`. That is for tests against a
/// loopback server that may be down on purpose: they can then give connections a generous
/// `connectTimeout` without a refused port turning into a wait of that length.
public enum VendorHTTPClient {
    /// The client configuration described above, for callers that manage the client themselves.
    public static func configuration(connectTimeout: Duration = .seconds(10), retryingFailedConnects: Bool = true) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout.connect = TimeAmount(connectTimeout)
        configuration.connectionPool.retryConnectionEstablishment = retryingFailedConnects
        return configuration
    }

    /// Runs `body` with a new client and shuts the client down afterwards, also when `body`
    /// throws. `logger` receives the client's background activity (connection pool events).
    public static func withClient<Result>(
        connectTimeout: Duration = .seconds(10), retryingFailedConnects: Bool = true, logger: Logger,
        _ body: (HTTPClient) async throws -> Result
    ) async throws -> Result {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: configuration(connectTimeout: connectTimeout, retryingFailedConnects: retryingFailedConnects),
            backgroundActivityLogger: logger)
        let result: Result
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }
}

extension TimeAmount {
    /// Whole nanoseconds of a `Duration`, which is what NIO counts in.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
