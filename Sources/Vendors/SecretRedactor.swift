import Foundation

/// Replaces credentials in text that did not come from this package (a vendor's error body, a
/// transport error) before it reaches an error message or a log line.
struct SecretRedactor: Sendable {
    static let placeholder = "[redacted]"
    private let secrets: [String]

    /// Each secret is also matched percent-encoded, as a form body would echo it. Empty and
    /// very short values are ignored: redacting "a" would mangle every message.
    init(_ secrets: [String]) {
        let variants = secrets.flatMap { [$0, FormEncoding.percentEncode($0)] }
        self.secrets = Set(variants.filter { $0.count >= 4 }).sorted { $0.count > $1.count }
    }

    func adding(_ more: [String]) -> SecretRedactor { SecretRedactor(secrets + more) }

    func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        return result
    }
}
