import NIOHTTP1

/// One vendor API call, described independently of the HTTP library so it can be resent on
/// retry and named in errors without its query or credentials.
struct VendorRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var headers: [(String, String)] = []
    var body: [UInt8]?
    /// Credentials this request carries (token, key, client secret), removed from any text
    /// that a failure of this request puts in an error or a log line.
    var secrets: [String] = []

    /// `GET /v2/devices-detailed`: what errors and logs name.
    var endpoint: String { "\(method.rawValue) \(path)" }

    func url(base: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return query.isEmpty ? trimmed + path : "\(trimmed)\(path)?\(FormEncoding.encode(query))"
    }
}

/// A vendor's answer with its body read in full.
struct VendorResponse: Sendable {
    let status: Int
    let body: [UInt8]
    /// `Retry-After` in seconds, when the vendor sent one in that form.
    let retryAfter: Duration?

    var isSuccess: Bool { (200...299).contains(status) }
}
