import Foundation

/// Which parts of a JSON document to build: the members a reader uses, so the rest of a large
/// document is skipped over without building strings, numbers or dictionaries for it. Compiled
/// once (each member's name as UTF-8 bytes), so a reader that keeps its selection in a `static
/// let` pays nothing per document for it.
public struct JSONSelection: Sendable {
    /// Nil for the whole value.
    let keys: SelectedKeys?

    /// The whole value.
    public static let all = JSONSelection(keys: nil)

    /// Of an object, only these members, each with its own selection; of an array, each
    /// element selected the same way; a scalar is built whole.
    public static func members(_ members: [String: JSONSelection]) -> JSONSelection {
        JSONSelection(keys: SelectedKeys(entries: members.map { SelectedKeys.Entry(name: $0.key, selection: $0.value.keys) }))
    }

    /// Members named by a path of keys (`["os", "name"]`), merged into one selection.
    public static func paths(_ list: [[String]]) -> JSONSelection {
        var members: [String: [[String]]] = [:]
        for path in list {
            guard let first = path.first else { return .all }
            members[first, default: []].append(Array(path.dropFirst()))
        }
        return .members(members.mapValues { rest in rest.contains(where: \.isEmpty) ? .all : paths(rest) })
    }
}

extension JSONParser {
    /// Parses a document keeping only what `selection` names: a reader that looks at a few
    /// members of a large document gets the same values from it as from `parse(_:)`, where
    /// everything else reads as missing. Skipped values are scanned for their extent only, not
    /// validated: this is for documents validated when they were stored (ledger payloads, whose
    /// hash is checked on every read), not for input.
    public static func parse(_ input: some Collection<UInt8>, selecting selection: JSONSelection) throws(JSONParseError) -> JSONValue {
        guard let keys = selection.keys else { return try parse(input) }
        let result: Result<JSONValue, JSONParseError> =
            input.withContiguousStorageIfAvailable { parseDocument($0, selecting: keys) }
            ?? Array(input).withUnsafeBufferPointer { parseDocument($0, selecting: keys) }
        return try result.get()
    }

    /// Reads the key at `index`; the name and selection when it is one of `keys`. A key without
    /// escapes is compared as bytes, so an unwanted one costs no string.
    mutating func selectedKey(_ keys: SelectedKeys) throws(JSONParseError) -> (String, SelectedKeys?)? {
        let start = index
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count else { throw error("unterminated string", at: start) }
        if bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            return keys.match(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]))
        }
        let key = try parseString()
        return Array(key.utf8).withUnsafeBufferPointer { keys.match($0) }
    }

    /// Moves past one value without building it: strings by their quotes and escapes,
    /// containers by their brackets, scalars up to the next delimiter.
    mutating func skipValue() throws(JSONParseError) {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let start = index
            var open = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    try skipString()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    open += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    open -= 1
                    if open == 0 {
                        index += 1
                        return
                    }
                default:
                    break
                }
                index += 1
            }
            throw error("unterminated container", at: start)
        default:
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return
                default: index += 1
                }
            }
        }
    }

    /// Jumps from quote to quote (`memchr`): a quote ends the string unless an odd run of
    /// backslashes precedes it.
    private mutating func skipString() throws(JSONParseError) {
        let start = index
        guard let base = bytes.baseAddress else { throw error("unterminated string", at: start) }
        var position = index + 1
        while position < bytes.count, let found = memchr(base + position, Int32(UInt8(ascii: "\"")), bytes.count - position) {
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while quote - 1 - backslashes > start, bytes[quote - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 {
                index = quote + 1
                return
            }
            position = quote + 1
        }
        throw error("unterminated string", at: start)
    }
}

/// A `.members` selection compiled: each member's name as UTF-8 bytes, matched against a key's
/// bytes, and its own selection (nil for the whole value). A key is compared by its length and
/// its first eight bytes as one word before its bytes, so the many keys a reader skips cost
/// two integer comparisons per member.
struct SelectedKeys: Sendable {
    struct Entry: Sendable {
        let bytes: [UInt8]
        let prefix: UInt64
        let name: String
        let selection: SelectedKeys?

        init(name: String, selection: SelectedKeys?) {
            bytes = Array(name.utf8)
            prefix = bytes.withUnsafeBufferPointer(SelectedKeys.prefix)
            self.name = name
            self.selection = selection
        }
    }

    let entries: [Entry]

    func match(_ key: UnsafeBufferPointer<UInt8>) -> (String, SelectedKeys?)? {
        let prefix = Self.prefix(key)
        for entry in entries where entry.bytes.count == key.count && entry.prefix == prefix {
            if key.count <= 8 || entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }) {
                return (entry.name, entry.selection)
            }
        }
        return nil
    }

    /// The first eight bytes (fewer for a shorter key, the rest zero) as one word.
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<min(8, bytes.count) { word |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        return word
    }
}
