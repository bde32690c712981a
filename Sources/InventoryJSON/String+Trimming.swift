extension String {
    /// The text without leading and trailing white space and newlines. Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString on Linux, which made it the hottest
    /// call of projecting a day; this checks the common case (nothing to trim) on UTF-8 bytes.
    public func trimmedWhitespace() -> String {
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return self }
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return String(self[start...end])
    }
}

extension Substring {
    /// See `String.trimmedWhitespace()`.
    public func trimmedWhitespace() -> String { String(self).trimmedWhitespace() }
}
