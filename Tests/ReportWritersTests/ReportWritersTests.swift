import Foundation
import InventoryJSON
import ReportWriters
import Testing

@Suite("Report writers")
struct ReportWritersTests {
    static let created = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00:00Z
    static let table = ReportTable(
        title: "Exceptions: open", columns: ["hostname", "client", "days", "resolved"],
        rows: [
            [.string("ws-acme-0001"), .string("Acme, Inc."), .number("3"), .bool(false)],
            [.string("=cmd()"), .null, .number("12"), .bool(true)],
            [.string("laptop \"07\""), .string("Line\nbreak"), .number("0"), .bool(false)],
        ])

    @Test("CSV quotes commas, quotes and line breaks, and defuses formulas")
    func csv() {
        let expected = [
            "hostname,client,days,resolved",
            "ws-acme-0001,\"Acme, Inc.\",3,false",
            "'=cmd(),,12,true",
            "\"laptop \"\"07\"\"\",\"Line\nbreak\",0,false",
        ].map { $0 + "\r\n" }.joined()
        #expect(Self.table.csv() == expected)
    }

    @Test("sheet names follow Excel's rules and stay unique")
    func sheetNames() throws {
        let long = ReportTable(title: String(repeating: "x", count: 40), columns: ["a"], rows: [])
        let data = try XLSXWorkbook.data([long, long, ReportTable(title: "a/b:c", columns: ["a"], rows: [])], title: "t", createdAt: Self.created)
        let text = String(decoding: try Self.unzip(data, "xl/workbook.xml"), as: UTF8.self)
        #expect(text.contains("name=\"\(String(repeating: "x", count: 31))\""))
        #expect(text.contains("name=\"\(String(repeating: "x", count: 27)) (2)\""))
        #expect(text.contains("name=\"a-b-c\""))
    }

    @Test("the same tables give the same workbook bytes, dated by the given time")
    func xlsxDeterministic() throws {
        let first = try XLSXWorkbook.data([Self.table], title: "Report", createdAt: Self.created)
        let second = try XLSXWorkbook.data([Self.table], title: "Report", createdAt: Self.created)
        #expect(first == second)
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let core = String(decoding: try Self.unzip(first, "docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("2025-12-01T00:00:00Z"))
        let sheet = String(decoding: try Self.unzip(first, "xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheet.contains("<v>12</v>"))
        #expect(sheet.contains("t=\"b\""))
    }

    @Test("the PDF holds its text, is dated by the given time and is the same bytes twice")
    func pdf() throws {
        let many = ReportTable(
            title: "Devices", columns: ["hostname", "count"],
            rows: (0..<200).map { [.string("device-\($0)"), .number("\($0)")] })
        let report = PDFReport(
            title: "Variance report 2025-11-30", lines: ["Ledger seq 42"],
            sections: [.init(heading: "Exceptions", table: Self.table), .init(heading: "All devices", table: many)],
            footer: "ES Inventory Hub", createdAt: Self.created)
        let first = try report.data()
        #expect(try report.data() == first)
        #expect(first.starts(with: Array("%PDF-".utf8)))
        let raw = String(decoding: first, as: UTF8.self)
        #expect(raw.contains("/CreationDate (20251201000000Z)"))
        let text = try Self.pdftotext(first)
        #expect(text.contains("Variance report 2025-11-30"))
        #expect(text.contains("ws-acme-0001"))
        #expect(text.contains("device-199"))
        #expect(text.contains("page 2"))
    }

    /// One member of a ZIP archive, through `unzip -p` (the archive is libxlsxwriter's).
    static func unzip(_ data: Data, _ member: String) throws -> Data {
        try Self.run("/usr/bin/python3", ["-c", "import sys,zipfile,io; sys.stdout.buffer.write(zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())).read(sys.argv[1]))", member], input: data)
    }

    static func pdftotext(_ data: Data) throws -> String {
        String(decoding: try run("/usr/bin/pdftotext", ["-layout", "-", "-"], input: data), as: UTF8.self)
    }

    static func run(_ executable: String, _ arguments: [String], input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(executable) failed")
        return output
    }
}
