import Foundation
import InventoryJSON

/// The one key every cross-vendor check matches devices on: lowercase, cut at the first `|`,
/// then at the first `.`, trimmed, first 15 characters (the NetBIOS name length).
///
/// The cut result is trimmed again, so a key never ends in a space and the rule is idempotent:
/// a key stored in `exceptions.hostname` reads back as the same key.
public struct CanonicalKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The key text, as stored in `exceptions.hostname`.
    public let value: String

    /// Nil when the name gives no key (missing, or empty after cutting and trimming), so a
    /// blank name can never make two unrelated devices match.
    public init?(_ name: String?) {
        guard let name else { return nil }
        var text = Substring(name.lowercased())
        if let bar = text.firstIndex(of: "|") { text = text[..<bar] }
        if let dot = text.firstIndex(of: ".") { text = text[..<dot] }
        let trimmed = text.trimmedWhitespace()
        guard !trimmed.isEmpty else { return nil }
        value = String(trimmed.prefix(15)).trimmedWhitespace()
    }

    public var description: String { value }

    public static func < (lhs: CanonicalKey, rhs: CanonicalKey) -> Bool { lhs.value < rhs.value }
}
