import Foundation

/// Replaces credentials in text that did not come from this package (a vendor's error body, a
/// transport error, a database message) before it reaches an error message, a log line or a
/// job row. Public so that callers composing their own messages (the collectors) redact with
/// the same rules as the clients.
public struct SecretRedactor: Sendable {
    /// What a redacted credential reads as.
    public static let placeholder = "[redacted]"
    private let secrets: [String]

    /// Each secret is also matched percent-encoded, as a form body would echo it. Empty and
    /// very short values are ignored: redacting "a" would mangle every message.
    public init(_ secrets: [String]) {
        let variants = secrets.flatMap { [$0, FormEncoding.percentEncode($0)] }
        self.secrets = Set(variants.filter { $0.count >= 4 }).sorted { $0.count > $1.count }
    }

    /// A redactor for these secrets and `more`.
    public func adding(_ more: [String]) -> SecretRedactor { SecretRedactor(secrets + more) }

    /// `text` with every secret replaced by `placeholder`.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        return result
    }
}
