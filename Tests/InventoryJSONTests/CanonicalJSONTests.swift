@testable import InventoryJSON
import Testing

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    @Test("keys are sorted and whitespace is dropped, whatever the input order")
    func sortedKeys() throws {
        let a = try JSONParser.parse(#"{ "b": 1, "a": [true, null, "x"], "c": {"z": 0, "y": -2.5} }"#)
        let b = try JSONParser.parse(#"{"c":{"y":-2.50,"z":0},"a":[true,null,"x"],"b":1}"#)
        #expect(CanonicalJSONWriter.string(a) == #"{"a":[true,null,"x"],"b":1,"c":{"y":-2.5,"z":0}}"#)
        #expect(CanonicalJSONWriter.bytes(a) == CanonicalJSONWriter.bytes(b))
    }

    @Test("keys sort by their UTF-8 bytes, as a byte-by-byte comparison orders them")
    func keyOrder() {
        // Long and short (inline) strings, prefixes, non-ASCII in both encodings of "é", a
        // bridged-looking Substring copy and the empty key.
        let keys = ["", "a", "A", "ab", "aB", "b", "é", "e\u{301}", "z", "~", "siteKey", "siteName", "site", String("xsiteKeyx".dropFirst().dropLast()),
                    "vendorDeviceKey_with_a_long_tail_beyond_fifteen_bytes", "vendorDeviceKey_with_a_long_tail_beyond_fifteen_bytez", "\u{10FFFF}", "\u{7F}"]
        for a in keys {
            for b in keys {
                #expect(CanonicalJSONWriter.utf8Precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
        // One member per distinct key: Swift's dictionary holds one of the two "é" (its keys
        // compare canonically), and the Substring copy equals "siteKey".
        var seen = Set<String>()
        let members = keys.filter { seen.insert($0).inserted }
        let object = JSONValue.object(Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, JSONValue($0)) }))
        let sorted = members.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let expected = "{" + sorted.map { key in "\"\(key)\":\(members.firstIndex(of: key)!)" }.joined(separator: ",") + "}"
        #expect(CanonicalJSONWriter.string(object) == expected)
    }

    @Test("a string is escaped the same whether or not it needs escapes", arguments: [
        ("plain", #""plain""#), ("", #""""#), ("quote \" in", #""quote \" in""#), ("back\\slash", #""back\\slash""#),
        ("tab\tand\nnewline", #""tab\tand\nnewline""#), ("\u{1}", #""\u0001""#), ("\u{7F} del stays", "\"\u{7F} del stays\""), ("é", #""é""#),
    ])
    func stringEscapes(text: String, written: String) {
        var output: [UInt8] = []
        CanonicalJSONWriter.writeString(text, into: &output)
        #expect(String(decoding: output, as: UTF8.self) == written)
    }

    @Test("numbers have one spelling", arguments: [
        ("1.0", "1"), ("1e3", "1000"), ("-0", "0"), ("12345678901234567890", "12345678901234567890"),
        ("0.5", "0.5"), ("1.25E-7", "1.25e-07"), ("1700000000.123", "1700000000.123"),
    ])
    func numbers(literal: String, canonical: String) {
        #expect(CanonicalJSONWriter.canonicalNumber(literal) == canonical)
    }

    @Test("strings round-trip with escapes and non-ASCII text")
    func strings() throws {
        let text = "quote \" backslash \\ tab \t newline \n bell \u{07} é 漢 🎉 | pipe"
        let encoded = CanonicalJSONWriter.string(.string(text))
        #expect(try JSONParser.parse(encoded) == .string(text))
        #expect(encoded.contains(#"\u0007"#))
        #expect(try JSONParser.parse(#""\ud83c\udf89 \u00e9""#) == .string("🎉 é"))
    }

    @Test("a parse → write → parse round trip is stable")
    func roundTrip() throws {
        let document = #"{"devices":[{"id":12,"systemName":"WS-01","os":{"name":"Windows 11 Pro"},"tags":[],"x":{}}]}"#
        let once = CanonicalJSONWriter.bytes(try JSONParser.parse(document))
        let twice = CanonicalJSONWriter.bytes(try JSONParser.parse(once))
        #expect(once == twice)
    }
}

@Suite("JSON parser errors")
struct JSONParserErrorTests {
    @Test("malformed input is located by line and column", arguments: [
        ("{\"a\": 1,\n  \"b\" 2}", 2, 7),
        ("[1, 2", 1, 6),
        ("{\"a\": tru}", 1, 7),
        ("\"unterminated", 1, 1),
        ("[01]", 1, 2),
        ("{} x", 1, 4),
        ("", 1, 1),
    ])
    func located(input: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(input)
            Issue.record("expected a parse error for \(input)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test("invalid UTF-8 inside a string is an error, not a crash")
    func invalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test("every truncation of a document is rejected")
    func truncations() throws {
        let document = Array(#"{"a":[1,2.5,{"b":"c\n"}],"d":null,"e":false}"#.utf8)
        for length in 0..<document.count {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(document[0..<length]) }
        }
        #expect(try JSONParser.parse(document)["d"] == .null)
    }
}
