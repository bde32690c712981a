import Foundation

/// Where and how to reach a NinjaOne tenant. Printing or dumping a configuration never shows
/// the client id or secret.
public struct NinjaOneConfiguration: Sendable {
    /// The US instance; EU, CA and OC tenants live on other hosts.
    public static let defaultBaseURL = "https://app.ninjarmm.com"
    /// Read-only access, all a collector needs.
    public static let defaultScope = "monitoring"

    /// The tenant's instance, `NINJA_BASE_URL`.
    public var baseURL: String
    /// OAuth2 client id of an API application with the client credentials grant.
    public var clientID: String
    /// OAuth2 client secret; never logged or put in an error.
    public var clientSecret: String
    /// OAuth2 scope requested with the token; read-only `monitoring` is all collection needs.
    public var scope: String
    /// Items per page for `devices-detailed`, organizations and locations.
    public var pageSize: Int
    /// Custom-field requests in flight at once.
    public var customFieldConcurrency: Int
    /// How 429, 5xx and transport failures are retried.
    public var retry: RetryPolicy
    /// Limit for one attempt of one request, body included.
    public var requestTimeout: Duration
    /// The clock a token's expiry is judged by: the monotonic system clock, unless a test
    /// injects one it advances itself.
    public var now: @Sendable () -> ContinuousClock.Instant

    /// A configuration with the defaults of a nightly collection.
    public init(
        baseURL: String = NinjaOneConfiguration.defaultBaseURL, clientID: String, clientSecret: String,
        scope: String = NinjaOneConfiguration.defaultScope, pageSize: Int = 1000, customFieldConcurrency: Int = 8,
        retry: RetryPolicy = RetryPolicy(), requestTimeout: Duration = .seconds(60),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.baseURL = baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
        self.pageSize = max(1, pageSize)
        self.customFieldConcurrency = max(1, customFieldConcurrency)
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.now = now
    }

    /// Reads `NINJA_BASE_URL` (default `https://app.ninjarmm.com`), `NINJA_CLIENT_ID`,
    /// `NINJA_CLIENT_SECRET` and `NINJA_SCOPE` (default `monitoring`).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(VendorError) -> NinjaOneConfiguration {
        let settings = VendorEnvironment(vendor: .ninjaOne, values: environment)
        return NinjaOneConfiguration(
            baseURL: try settings.url("NINJA_BASE_URL", default: defaultBaseURL),
            clientID: try settings.required("NINJA_CLIENT_ID"),
            clientSecret: try settings.required("NINJA_CLIENT_SECRET"),
            scope: settings.optional("NINJA_SCOPE") ?? defaultScope)
    }
}

extension NinjaOneConfiguration {
    /// The values that must never appear in a message: the client id and secret.
    public var secrets: [String] { [clientID, clientSecret] }
}

extension NinjaOneConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "NinjaOneConfiguration(baseURL: \(baseURL), scope: \(scope), pageSize: \(pageSize), clientID: \(SecretRedactor.placeholder), clientSecret: \(SecretRedactor.placeholder))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL, "scope": scope, "pageSize": pageSize, "customFieldConcurrency": customFieldConcurrency])
    }
}
