import InventoryJSON

/// Why talking to a vendor failed, naming the vendor, the endpoint (method and path, never the
/// query or headers) and the HTTP status, so the nightly job's failure says what to look at.
///
/// Credentials never appear here: messages are built from the endpoint and status, and any
/// text that came from elsewhere (a vendor's error body, a transport error) has every secret
/// the request carried replaced before it is stored.
public struct VendorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, with what a person needs to act on it.
    public enum Reason: Sendable, Equatable {
        /// A required environment variable is missing or empty.
        case missingSetting(String)
        /// A setting has a value the client cannot use.
        case invalidSetting(String, String)
        /// A non-2xx status that retries did not cure (or that is not worth retrying).
        case httpStatus
        /// The vendor refused the credentials (after one token refresh for NinjaOne).
        case authenticationRejected
        /// No HTTP response: connection refused or reset, timeout, DNS.
        case transport(String)
        /// A body that is not JSON.
        case malformedJSON(JSONParseError)
        /// JSON that is not what the endpoint returns, with the path of the first problem.
        case unexpectedShape(String)
        /// Paging ended with fewer or more items than the vendor said it had.
        case incomplete(expected: Int, received: Int)
        /// The vendor kept answering with the same page.
        case pagingStalled(String)
    }

    /// The vendor whose call failed.
    public let vendor: VendorName
    /// `GET /v2/devices-detailed`; nil for configuration problems.
    public let endpoint: String?
    /// The last HTTP status received, nil when none was.
    public let status: Int?
    /// How many times the request was sent.
    public let attempts: Int
    /// Why the call failed.
    public let reason: Reason
    /// The start of the vendor's error body, with credentials removed.
    public let detail: String?

    /// An error; `detail` must already be free of credentials.
    public init(vendor: VendorName, endpoint: String? = nil, status: Int? = nil, attempts: Int = 0, reason: Reason, detail: String? = nil) {
        self.vendor = vendor
        self.endpoint = endpoint
        self.status = status
        self.attempts = attempts
        self.reason = reason
        self.detail = detail
    }

    public var description: String {
        let call = endpoint.map { "\(vendor) \($0)" } ?? "\(vendor)"
        let http = status.map { "HTTP \($0)" }
        let tries = attempts > 1 ? "after \(attempts) attempts" : nil
        let suffix = [http, tries].compactMap { $0 }.joined(separator: " ")
        let context = suffix.isEmpty ? "" : " (\(suffix))"
        let body = detail.map { ": \($0)" } ?? ""
        switch reason {
        case .missingSetting(let name):
            return "\(vendor) is not configured: \(name) is not set"
        case .invalidSetting(let name, let problem):
            return "\(vendor) is not configured: \(name) \(problem)"
        case .httpStatus:
            return "\(call) failed\(context)\(body)"
        case .authenticationRejected:
            return "\(call) refused the credentials\(context)\(body)"
        case .transport(let problem):
            return "\(call) could not be reached\(context): \(problem)"
        case .malformedJSON(let error):
            return "\(call) returned a body that is not JSON\(context): \(error)"
        case .unexpectedShape(let problem):
            return "\(call) returned unexpected JSON\(context): \(problem)"
        case .incomplete(let expected, let received):
            return "\(call) returned \(received) items but reported \(expected)\(context): the inventory is incomplete"
        case .pagingStalled(let problem):
            return "\(call) paging did not advance\(context): \(problem)"
        }
    }
}
