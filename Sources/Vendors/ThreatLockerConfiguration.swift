import Foundation

/// Where and how to reach a ThreatLocker portal API. Printing or dumping a configuration
/// never shows the API key.
public struct ThreatLockerConfiguration: Sendable {
    /// The portal API host of the MSP's instance, `THREATLOCKER_API_BASE_URL`.
    public var baseURL: String
    /// Sent as `Authorization`; never logged or put in an error.
    public var apiKey: String
    /// The MSP's parent organization, sent as `managedOrganizationId`; child organizations
    /// (the clients) are included by the request body.
    public var organizationID: String
    /// Computers per page; ThreatLocker's portal uses 500.
    public var pageSize: Int
    /// How 429, 5xx and transport failures are retried.
    public var retry: RetryPolicy
    /// Limit for one attempt of one request, body included.
    public var requestTimeout: Duration

    /// A configuration with the defaults of a nightly collection.
    public init(
        baseURL: String, apiKey: String, organizationID: String, pageSize: Int = 500, retry: RetryPolicy = RetryPolicy(),
        requestTimeout: Duration = .seconds(60)
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.organizationID = organizationID
        self.pageSize = max(1, pageSize)
        self.retry = retry
        self.requestTimeout = requestTimeout
    }

    /// Reads `THREATLOCKER_API_BASE_URL`, `THREATLOCKER_API_KEY` and
    /// `THREATLOCKER_ORGANIZATION_ID`, all required.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(VendorError) -> ThreatLockerConfiguration {
        let settings = VendorEnvironment(vendor: .threatLocker, values: environment)
        return ThreatLockerConfiguration(
            baseURL: try settings.url("THREATLOCKER_API_BASE_URL"),
            apiKey: try settings.required("THREATLOCKER_API_KEY"),
            organizationID: try settings.required("THREATLOCKER_ORGANIZATION_ID"))
    }
}

extension ThreatLockerConfiguration {
    /// The values that must never appear in a message: the API key.
    public var secrets: [String] { [apiKey] }
}

extension ThreatLockerConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "ThreatLockerConfiguration(baseURL: \(baseURL), organizationID: \(organizationID), pageSize: \(pageSize), apiKey: \(SecretRedactor.placeholder))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL, "organizationID": organizationID, "pageSize": pageSize])
    }
}
