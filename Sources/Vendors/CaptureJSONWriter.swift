import InventoryJSON

/// Writes capture documents so that reading them back gives exactly the values that were
/// written — numbers keep the vendor's own spelling (`2.50` stays `2.50`, which canonical JSON
/// would shorten) — with one item per line, so a line number in an error points at one device.
enum CaptureJSONWriter {
    static func bytes(_ document: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        guard case .object(let members) = document else {
            writeCompact(document, into: &output)
            output.append(newline)
            return output
        }
        output.append(contentsOf: "{\n".utf8)
        for (position, key) in sortedKeys(members).enumerated() {
            if position > 0 { output.append(contentsOf: ",\n".utf8) }
            CanonicalJSONWriter.writeString(key, into: &output)
            output.append(UInt8(ascii: ":"))
            writeOneItemPerLine(members[key]!, into: &output)
        }
        output.append(contentsOf: "\n}\n".utf8)
        return output
    }

    private static let newline = UInt8(ascii: "\n")

    private static func writeOneItemPerLine(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .array(let items) where !items.isEmpty:
            output.append(contentsOf: "[\n".utf8)
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(contentsOf: ",\n".utf8) }
                writeCompact(item, into: &output)
            }
            output.append(contentsOf: "\n]".utf8)
        case .object(let members) where !members.isEmpty:
            output.append(contentsOf: "{\n".utf8)
            for (position, key) in sortedKeys(members).enumerated() {
                if position > 0 { output.append(contentsOf: ",\n".utf8) }
                CanonicalJSONWriter.writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                writeCompact(members[key]!, into: &output)
            }
            output.append(contentsOf: "\n}".utf8)
        default:
            writeCompact(value, into: &output)
        }
    }

    /// Sorted keys and no whitespace, like canonical JSON, but numbers exactly as parsed.
    static func writeCompact(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .number(let literal): output.append(contentsOf: literal.utf8)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeCompact(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, key) in sortedKeys(members).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                CanonicalJSONWriter.writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                writeCompact(members[key]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .null, .bool, .string:
            CanonicalJSONWriter.write(value, into: &output)
        }
    }

    private static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
