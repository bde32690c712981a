import Foundation

/// Client names as people type them into two consoles — "Gamma, Inc." and "Gamma Inc",
/// "Smith & Sons LLC" and "Smith and Sons" — reduced to one comparable form: lowercase,
/// "&" read as "and", punctuation and extra spaces gone, a trailing legal form dropped.
/// Used only to suggest aliases; a person (or `sites suggest --apply`) records the alias.
public enum ClientNameNormalizer {
    /// Legal forms dropped at the end of a name (after punctuation is removed, so "L.L.C."
    /// arrives as "llc" and "Inc." as "inc").
    static let legalForms: Set<String> = [
        "llc", "inc", "incorporated", "ltd", "limited", "co", "corp", "corporation", "company", "gmbh", "plc", "pllc", "llp", "lp", "pc",
        "ag", "sa", "bv", "pty", "srl", "kg",
    ]

    public static func normalize(_ name: String) -> String {
        var tokens: [String] = []
        var current = ""
        var singles: [String] = []
        func flushSingles() {
            if singles.count > 1 { tokens.append(singles.joined()) } else { tokens += singles }
            singles = []
        }
        func endToken() {
            guard !current.isEmpty else { return }
            // Runs of one-letter tokens are initials or a dotted form: "L.L.C." → "llc".
            if current.count == 1 { singles.append(current) } else {
                flushSingles()
                tokens.append(current)
            }
            current = ""
        }
        for character in name.lowercased() {
            if character == "&" || character == "+" {
                endToken()
                flushSingles()
                tokens.append("and")
            } else if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "’" {
                continue  // "O'Brien" → "obrien"
            } else {
                endToken()
                if character != "." { flushSingles() }
            }
        }
        endToken()
        flushSingles()
        while tokens.count > 1, let last = tokens.last, legalForms.contains(last) { tokens.removeLast() }
        if tokens.count > 1, tokens.last == "and" { tokens.removeLast() }  // "Smith & Co" → "smith and" → "smith"
        return tokens.joined(separator: " ")
    }
}
