/// A JSON document as data, so vendor payloads can be kept whole (unknown fields included),
/// re-serialized canonically for hashing, and read field by field by the projection rules.
///
/// Numbers keep their literal text: an integer of any length survives a round trip unchanged,
/// which `Double` would not guarantee for vendor ids or epoch timestamps.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    public init(_ value: Int) { self = .number(String(value)) }

    public init(_ value: Double) { self = .number(CanonicalJSONWriter.canonicalNumber(value)) }

    public init(_ value: String?) { self = value.map(JSONValue.string) ?? .null }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self.init(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
