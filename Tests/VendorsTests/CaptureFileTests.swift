import Foundation
import InventoryJSON
import Testing
import Vendors

@Suite("Capture files")
struct CaptureFileTests {
    static let ninjaText = """
        {"devices":[{"id":7,"systemName":"WS-ACME-0001","unknownField":{"kept":[1,2.50,"x"]}}],
         "organizations":[{"id":2,"name":"Acme Dental Group"}],
         "locations":[{"id":5,"organizationId":2,"name":"Main Office"}],
         "customFields":{"7":{"hastpm":"true","tpmversion":"2.0"}}}
        """

    @Test("a NinjaOne capture keeps unknown fields and the vendor's number spellings through a round trip")
    func ninjaRoundTrip() throws {
        let capture = try NinjaOneCapture(bytes: Array(Self.ninjaText.utf8))
        #expect(capture.devices.first?["unknownField"]?["kept"]?[1] == .number("2.50"))
        #expect(capture.customFields(of: capture.devices[0])?["tpmversion"] == "2.0")
        #expect(try NinjaOneCapture(bytes: capture.encoded()) == capture)
    }

    @Test("a capture file holds one item per line, so an error's line points at one device")
    func oneItemPerLine() throws {
        let devices: [JSONValue] = (1...3).map { ["id": JSONValue($0), "systemName": .string("WS-\($0)")] }
        let capture = NinjaOneCapture(devices: devices, organizations: [], locations: [], customFields: ["2": ["hastpm": "true"]])
        let lines = String(decoding: capture.encoded(), as: UTF8.self).split(separator: "\n")
        #expect(lines.contains(#"{"id":2,"systemName":"WS-2"},"#))
        #expect(lines.contains(#""2":{"hastpm":"true"}"#))
        #expect(lines.contains(#""locations":[],"#))
    }

    @Test("a ThreatLocker capture is read from an object or from a bare array")
    func threatLockerForms() throws {
        let computers = #"[{"computerId":"a","hostname":"WS-1","totalRows":2},{"computerId":"b","hostname":"WS-2","totalRows":2}]"#
        let bare = try ThreatLockerCapture(bytes: Array(computers.utf8))
        let wrapped = try ThreatLockerCapture(bytes: Array(#"{"computers":\#(computers)}"#.utf8))
        #expect(bare == wrapped)
        #expect(bare.computers.count == 2)
        #expect(try ThreatLockerCapture(bytes: bare.encoded()) == bare)
        #expect(try ThreatLockerCapture(bytes: Array("[]".utf8)).computers.isEmpty)
    }

    @Test("malformed JSON is reported with its line and column")
    func malformed() {
        let text = "{\"devices\": [\n  {\"id\": 1},\n  {\"id\": 2,,}\n]}"
        let error = #expect(throws: CaptureFileError.self) { try NinjaOneCapture(bytes: Array(text.utf8), file: "night.json") }
        guard case .malformedJSON(let parseError)? = error?.reason else {
            Issue.record("expected malformed JSON, got \(String(describing: error))")
            return
        }
        #expect(parseError.line == 3)
        #expect(parseError.column == 12)
        #expect(error?.description.contains("night.json") == true)
        #expect(error?.description.contains("line 3, column 12") == true)
    }

    @Test(
        "a value of the wrong shape is reported by its path",
        arguments: [
            (#"{"devices":[{"id":1},2],"organizations":[],"locations":[],"customFields":{}}"#, "devices[1] is not an object"),
            (#"{"devices":[{"id":"x"}],"organizations":[],"locations":[],"customFields":{}}"#, "devices[0].id is not an integer"),
            (#"{"devices":[{"name":"a"}],"organizations":[],"locations":[],"customFields":{}}"#, "devices[0].id is missing"),
            (#"{"devices":[],"locations":[],"customFields":{}}"#, "organizations is missing"),
            (#"{"devices":[],"organizations":[],"locations":{},"customFields":{}}"#, "locations is not an array"),
            (#"{"devices":[],"organizations":[],"locations":[],"customFields":{"5":"true"}}"#, "customFields.5 is not an object"),
            (#"[{"id":1}]"#, "capture is not an object"),
        ])
    func wrongShape(text: String, message: String) {
        let error = #expect(throws: CaptureFileError.self) { try NinjaOneCapture(bytes: Array(text.utf8)) }
        #expect(error?.description.hasSuffix(message) == true, "\(String(describing: error))")
    }

    @Test("a ThreatLocker capture item that is not an object is reported by its path")
    func threatLockerWrongShape() {
        let error = #expect(throws: CaptureFileError.self) { try ThreatLockerCapture(bytes: Array(#"{"computers":[{},[]]}"#.utf8)) }
        #expect(error?.reason == .wrongShape(path: "computers[1]", problem: "is not an object"))
    }

    @Test("a ThreatLocker capture whose totalRows disagrees is refused as incomplete")
    func threatLockerIncomplete() {
        let text = #"[{"computerId":"a","totalRows":3},{"computerId":"b","totalRows":3}]"#
        let error = #expect(throws: CaptureFileError.self) { try ThreatLockerCapture(bytes: Array(text.utf8)) }
        #expect(error?.reason == .incomplete(expected: 3, found: 2))
    }

    @Test("files are written and read back; a missing file names its path")
    func files() throws {
        let directory = FileManager.default.temporaryDirectory
        let path = directory.appendingPathComponent("capture-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let capture = try NinjaOneCapture(bytes: Array(Self.ninjaText.utf8))
        try capture.write(to: path)
        #expect(try NinjaOneCapture.read(from: path) == capture)
        let missing = directory.appendingPathComponent("no-such-capture-\(UUID().uuidString).json").path
        let error = #expect(throws: CaptureFileError.self) { try ThreatLockerCapture.read(from: missing) }
        #expect(error?.description.contains(missing) == true)
    }
}
