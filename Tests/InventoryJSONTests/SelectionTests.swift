import InventoryJSON
import Testing

@Suite("Parsing only the selected members")
struct SelectionTests {
    static let document = #"""
        {"device": {"id": 7, "name": "WS-1", "skip": {"a": [1, {"b": "x]}\"y"}], "c": "\\"}, "os": {"name": "Win", "build": 2},
                    "list": [{"name": "C:", "size": 3, "junk": [true, false, null]}, {"size": 4}, "text", [{"name": "nested"}]],
                    "number": -1.5e+3, "flag": true},
         "other": [1, 2, 3], "tail": "z"}
        """#

    @Test("only the listed members are built, each the same as a full parse gives it", arguments: [
        ([["device", "id"]], #"{"device":{"id":7}}"#),
        ([["device", "os", "name"], ["device", "name"]], #"{"device":{"name":"WS-1","os":{"name":"Win"}}}"#),
        ([["device", "list", "name"]], #"{"device":{"list":[{"name":"C:"},{},"text",[{"name":"nested"}]]}}"#),
        ([["device", "skip"]], #"{"device":{"skip":{"a":[1,{"b":"x]}\"y"}],"c":"\\"}}}"#),
        ([["device", "number"], ["device", "flag"], ["tail"]], #"{"device":{"flag":true,"number":-1.5e+3},"tail":"z"}"#),
        ([["missing", "x"], ["other"]], #"{"other":[1,2,3]}"#),
        ([[]], #"\#(document)"#),
    ] as [([[String]], String)])
    func selects(_ paths: [[String]], _ expected: String) throws {
        let selected = try JSONParser.parse(Array(Self.document.utf8), selecting: .paths(paths))
        #expect(selected == (try JSONParser.parse(expected)))
    }

    static let lookalikes = #"""
        {"abcdefghX": 1, "abcdefghY": {"q": "a\\", "r": "b\\\"c\"", "s": "\\\\", "t": "\u0022"}, "abcdefgh": 3, "abcdefghYZ": "\"}", "a": 5}
        """#

    @Test("a skipped string ends at the first quote after an even run of backslashes; keys alike in their first eight bytes are told apart", arguments: [
        ([["abcdefghY", "s"]], #"{"abcdefghY":{"s":"\\\\"}}"#),
        ([["abcdefghY", "t"], ["a"]], #"{"abcdefghY":{"t":"\""},"a":5}"#),
        ([["abcdefgh"]], #"{"abcdefgh":3}"#),
        ([["abcdefghYZ"]], #"{"abcdefghYZ":"\"}"}"#),
        ([["abcdefghX"], ["abcdefghY", "r"]], #"{"abcdefghX":1,"abcdefghY":{"r":"b\\\"c\""}}"#),
    ] as [([[String]], String)])
    func lookalikes(_ paths: [[String]], _ expected: String) throws {
        let selected = try JSONParser.parse(Array(Self.lookalikes.utf8), selecting: .paths(paths))
        #expect(selected == (try JSONParser.parse(expected)))
    }

    @Test("a key spelled with escapes is matched by its value")
    func escapedKeys() throws {
        let value = try JSONParser.parse(Array(#"{"d\u0065vice": {"n\"q": 1, "id": 2}, "x": 3}"#.utf8), selecting: .paths([["device", "id"], ["device", "n\"q"]]))
        #expect(value == (try JSONParser.parse(#"{"device": {"id": 2, "n\"q": 1}}"#)))
    }

    @Test("a repeated member keeps its last value, as a full parse does")
    func repeatedMembers() throws {
        let text = #"{"a": {"b": 1}, "a": {"b": 2, "c": 3}}"#
        #expect(try JSONParser.parse(Array(text.utf8), selecting: .paths([["a", "b"]])) == (try JSONParser.parse(#"{"a": {"b": 2}}"#)))
    }

    @Test("every truncation of the document is rejected, skipped parts included")
    func truncations() {
        let bytes = Array(Self.document.utf8)
        for length in 0..<bytes.count where !bytes[..<length].allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
            #expect(throws: JSONParseError.self, "length \(length)") {
                try JSONParser.parse(bytes[..<length], selecting: .paths([["device", "os", "name"], ["tail"]]))
            }
        }
    }
}
