import Foundation
import InventoryJSON
import InventoryRules
import Ledger
@testable import PostgresClient
@testable import Projections
import TestSupport
import Testing

/// `device_snapshot` rows go to the server by binary COPY; the text form is the reference the
/// server parses itself. Both must store the same values, column for column.
@Suite("device_snapshot's columns in binary COPY store what their text form stores", .serialized)
struct DeviceSnapshotColumnsTests {
    typealias Value = DeviceSnapshotColumns.Value

    /// Edge values of every kind of column, cycled over the columns of its kind.
    static let edges: [String: [Value]] = [
        "text": [.text(nil, limit: 255), .text("", limit: 255), .text("tab\there \\ back\nslash \"quote\" é 🖥", limit: 255),
                 .text(String(repeating: "ü", count: 300), limit: 255), .text(String(repeating: "x", count: 120), limit: 100),
                 .text("trailing spaces   ", limit: 255),
                 .text("{\"json\": [1, 2]}", limit: nil)],
        "int": [.int(nil), .int(0), .int(-1), .int(2_147_483_647), .int(-2_147_483_648), .int(42)],
        "bool": [.bool(nil), .bool(true), .bool(false)],
        "timestamp": [.timestamp(nil), .timestamp(Date(timeIntervalSince1970: 0)), .timestamp(Date(timeIntervalSince1970: 946_684_799.999_999_7)),
                      .timestamp(Date(timeIntervalSince1970: 946_684_800)), .timestamp(Date(timeIntervalSince1970: 1_764_547_200.123_456)),
                      .timestamp(Date(timeIntervalSince1970: -86_400 * 400 + 0.5))],
        "decimal": [.decimal(nil), .decimal(0), .decimal(Decimal(string: "15.75")), .decimal(Decimal(string: "0.5")),
                    .decimal(Decimal(string: "-7.999")), .decimal(Decimal(string: "12345678.125")), .decimal(Decimal(string: "0.00004")),
                    .decimal(Decimal(string: "10000")), .decimal(Decimal(string: "31.99999"))],
        "textArray": [.textArray([]), .textArray(["WS-01"]), .textArray(["a\"b", "c\\d", "e,f", "{g}", "NULL", " h ", ""])],
    ]

    static func kind(_ value: Value) -> String {
        switch value {
        case .text: "text"
        case .int: "int"
        case .bool: "bool"
        case .timestamp: "timestamp"
        case .decimal: "decimal"
        case .textArray: "textArray"
        }
    }

    @Test("edge values and every row of a generated fleet day read back equal from both forms")
    func binaryMatchesText() throws {
        let database = try TestDatabase.create("snapshotcolumns", migrated: false)
        defer { database.drop() }
        let session = try database.session()
        let columns = DeviceSnapshotColumns.payload
        let definition = columns.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        try session.execute("CREATE TABLE as_text (n int, \(definition)); CREATE TABLE as_binary (n int, \(definition))")

        // A generated day of both vendors, mapped as the projector maps it.
        let fleet = FleetLedger(ninja: 600, threatLocker: 400, organizations: 20)
        var rows: [[Value]] = []
        for (vendor, run) in [(Vendor.ninja, fleet.ninjaRun(day: 3)), (.threatLocker, fleet.threatLockerRun(day: 3))] {
            for event in run.events {
                if let row = try vendor.row(fromPayload: event.payload) { rows.append(columns.map { $0.2(row) }) }
            }
        }
        // Edge rows: each column takes its kind's edge values in turn.
        let template = rows[0]
        for round in 0..<9 {
            rows.append(template.enumerated().map { column, value in
                let options = Self.edges[Self.kind(value)]!
                let edge = options[(round + column) % options.count]
                // Text is cut to its column's own length, as the column's value would be.
                if case .text(_, let limit) = value, case .text(let text, _) = edge { return .text(text, limit: limit) }
                return edge
            })
        }
        let names = "n, " + columns.map(\.0).joined(separator: ", ")
        try session.copyIn("COPY as_text (\(names)) FROM STDIN") { writer in
            for (n, row) in rows.enumerated() {
                writer.appendInt(n)
                for value in row { DeviceSnapshotColumns.write(value, to: writer) }
                try writer.endRow()
            }
        }
        try session.copyInBinary("COPY as_binary (\(names)) FROM STDIN (FORMAT binary)", fieldCount: columns.count + 1) { writer in
            for (n, row) in rows.enumerated() {
                try writer.appendInt32(n)
                for value in row { try DeviceSnapshotColumns.write(value, to: writer) }
                try writer.endRow()
            }
        }
        let counts = try session.query("""
            SELECT (SELECT count(*) FROM as_binary),
                   (SELECT count(*) FROM (TABLE as_text EXCEPT ALL TABLE as_binary) a),
                   (SELECT count(*) FROM (TABLE as_binary EXCEPT ALL TABLE as_text) b)
            """)[0]
        #expect(try counts.decode(Int.self, 0) == rows.count)
        #expect(try counts.decode(Int.self, 1) == 0)
        #expect(try counts.decode(Int.self, 2) == 0)
        // EXCEPT compares numerics by value; the stored scale must match too, and arrays by text.
        let shown = try session.query("""
            SELECT count(*) FROM as_text t JOIN as_binary b USING (n)
            WHERE t.memory_gib::text IS DISTINCT FROM b.memory_gib::text OR t.match_keys::text IS DISTINCT FROM b.match_keys::text
               OR array_ndims(t.match_keys) IS DISTINCT FROM array_ndims(b.match_keys)
            """)[0]
        #expect(try shown.decode(Int.self, 0) == 0)
        #expect(rows.count > 900)
    }

    @Test("numeric's binary form: base-10000 groups aligned on the point, the weight of the first, the scale shown", arguments: [
        ("15.75", [15, 7500], 0, 2), ("0.5", [5000], -1, 1), ("0.00004", [4000], -2, 5), ("10000", [1], 1, 0),
        ("12345678.125", [1234, 5678, 1250], 1, 3), ("0", [], 0, 0), ("0.000", [], 0, 3), ("-7.999", [7, 9990], 0, 3),
    ])
    func numericGroups(text: String, digits: [Int], weight: Int, scale: Int) throws {
        let numeric = try #require(PostgresNumericProbe.parts(text))
        #expect(numeric.digits == digits)
        #expect(numeric.weight == weight)
        #expect(numeric.scale == scale)
        #expect(numeric.negative == text.hasPrefix("-"))
    }

    @Test("text that is not a plain decimal is refused, not written", arguments: ["", "-", "1.", "1e5", "12a", "1.2.3", "+1", " 1"])
    func numericRefused(text: String) {
        #expect(PostgresNumericProbe.parts(text) == nil)
    }
}

enum PostgresNumericProbe {
    struct Parts: Equatable {
        var digits: [Int]
        var weight: Int
        var scale: Int
        var negative: Bool
    }

    static func parts(_ text: String) -> Parts? {
        PostgresNumeric(text).map {
            Parts(digits: $0.digits.map(Int.init), weight: Int($0.weight), scale: Int($0.displayScale), negative: $0.sign == PostgresNumeric.negative)
        }
    }
}
