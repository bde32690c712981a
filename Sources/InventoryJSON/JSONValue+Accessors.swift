import Foundation

extension JSONValue {
    /// The member `key` of an object; nil for a missing member or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    public var isNull: Bool { self == .null }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Numbers, and strings that hold a number, as vendors are not consistent about quoting.
    public var doubleValue: Double? {
        switch self {
        case .number(let text), .string(let text): return Double(text.trimmedWhitespace())
        default: return nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .number(let text), .string(let text):
            let trimmed = text.trimmedWhitespace()
            if let exact = Int(trimmed) { return exact }
            if let double = Double(trimmed), double.rounded() == double, abs(double) < 9.0e15 { return Int(double) }
            return nil
        default: return nil
        }
    }

    /// Booleans, and the strings "true"/"false" that custom fields carry.
    public var boolValue: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text):
            switch text.trimmedWhitespace().lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: return nil
            }
        case .number(let text): return text == "0" ? false : (text == "1" ? true : nil)
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The value as text for display: strings as they are, numbers and booleans by their literal.
    public var textValue: String? {
        switch self {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }
}
