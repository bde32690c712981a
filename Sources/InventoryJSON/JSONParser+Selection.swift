/// Which parts of a JSON document to build: the members a reader uses, so the rest of a large
/// document is skipped over without building strings, numbers or dictionaries for it.
public indirect enum JSONSelection: Sendable {
    /// The whole value.
    case all
    /// Of an object, only these members, each with its own selection; of an array, each
    /// element selected the same way; a scalar is built whole.
    case members([String: JSONSelection])

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
        guard let keys = SelectedKeys(selection) else { return try parse(input) }
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

    private mutating func skipString() throws(JSONParseError) {
        let start = index
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        throw error("unterminated string", at: start)
    }
}

/// A `.members` selection compiled once per parse: each member's name as UTF-8 bytes, matched
/// against a key's bytes, and its own selection (nil for the whole value).
struct SelectedKeys {
    let entries: [(bytes: [UInt8], name: String, selection: SelectedKeys?)]

    /// Nil for `.all`.
    init?(_ selection: JSONSelection) {
        guard case .members(let members) = selection else { return nil }
        entries = members.map { (Array($0.key.utf8), $0.key, SelectedKeys($0.value)) }
    }

    func match(_ key: UnsafeBufferPointer<UInt8>) -> (String, SelectedKeys?)? {
        for entry in entries where entry.bytes.count == key.count {
            if entry.bytes.withUnsafeBufferPointer({ $0.elementsEqual(key) }) { return (entry.name, entry.selection) }
        }
        return nil
    }
}
