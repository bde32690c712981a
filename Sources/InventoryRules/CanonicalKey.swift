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
        guard let key = Self.asciiKey(name) ?? Self.generalKey(name) else { return nil }
        value = key
    }

    /// The rule on Unicode text: what `asciiKey` must agree with.
    static func generalKey(_ name: String) -> String? {
        var text = Substring(name.lowercased())
        if let bar = text.firstIndex(of: "|") { text = text[..<bar] }
        if let dot = text.firstIndex(of: ".") { text = text[..<dot] }
        let trimmed = text.trimmedWhitespace()
        guard !trimmed.isEmpty else { return nil }
        return String(trimmed.prefix(15)).trimmedWhitespace()
    }

    /// The same rule on bytes, for a name whose part before the first `|` or `.` is ASCII
    /// without a carriage return (there every byte is one character; a CR may join the next
    /// byte into one): `.some(nil)` when it gives no key, nil when `generalKey` must decide.
    /// Names are keyed for every device on every projected day, and Unicode lowercasing and
    /// trimming were the largest part of it.
    static func asciiKey(_ name: String) -> String?? {
        var name = name
        return name.withUTF8 { bytes -> String?? in
            var end = bytes.count
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ".") {
                    end = index
                    break
                }
                if byte >= 0x80 || byte == 0x0D { return nil }
            }
            // Character.isWhitespace on ASCII: tab, line feed, vertical tab, form feed, CR, space.
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            var start = 0
            while start < end, isSpace(bytes[start]) { start += 1 }
            var stop = end
            while stop > start, isSpace(bytes[stop - 1]) { stop -= 1 }
            guard start < stop else { return .some(nil) }
            stop = min(stop, start + 15)
            while stop > start, isSpace(bytes[stop - 1]) { stop -= 1 }
            let key = String(unsafeUninitializedCapacity: stop - start) { output in
                for offset in 0..<(stop - start) {
                    let byte = bytes[start + offset]
                    output[offset] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                }
                return stop - start
            }
            return .some(key)
        }
    }

    public var description: String { value }

    public static func < (lhs: CanonicalKey, rhs: CanonicalKey) -> Bool { lhs.value < rhs.value }
}
