import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import HummingbirdTesting
import InventoryHubAPI
import InventoryJSON
import Ledger
import PostgresClient
import Projections
import TestSupport
import Testing

extension TestResponse {
    var data: Data { Data(body.readableBytesView) }
}

@Suite("Reports: the variance report and the audit pack", .serialized)
struct ReportTests {
    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    static func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    static func dataRows(_ csv: Data) -> Int {
        String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
    }

    static func pdftotext(_ data: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        try data.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [input.path, folder.appendingPathComponent("out.txt").path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "pdftotext (poppler-utils) must read the PDF")
        return try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8)
    }

    @Test("the audit pack is the same bytes twice, hashes its files, names its bound and holds what the live tables held")
    func auditPack() async throws {
        let testbed = try APITestbed.make("auditpack")
        defer { Task { await testbed.close() } }
        let session = try testbed.database.session()
        let first = testbed.fleet.date(ofDay: 0)
        let month = String(first.description.prefix(7))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("audit-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = try #require(try Ledger(session: session).head())

        let manifest = try AuditPack(month: month).write(to: folder.appendingPathComponent("a"), session: session)
        _ = try AuditPack(month: month).write(to: folder.appendingPathComponent("b"), session: session)
        let a = try Self.files(folder.appendingPathComponent("a"))
        let b = try Self.files(folder.appendingPathComponent("b"))
        #expect(Set(a.keys) == ["month-end-counts.csv", "devices.csv", "exceptions.csv", "change-log.csv", "audit.xlsx", "summary.pdf", "manifest.json"])
        #expect(a == b, "two runs give identical files, the PDF and the workbook included")

        #expect(manifest.bound.seq == head.seq)
        #expect(manifest.bound.chainSHA256 == head.chainHex)
        let written = try #require(try JSONParser.parse(String(decoding: a["manifest.json"]!, as: UTF8.self)))
        #expect(written["ledger"]?["seq"]?.intValue == Int(head.seq))
        #expect(written["ledger"]?["chain_sha256"]?.stringValue == head.chainHex)
        for file in written["files"]?.arrayValue ?? [] {
            let name = try #require(file["name"]?.stringValue)
            #expect(file["sha256"]?.stringValue == Self.sha256(try #require(a[name])), "manifest hash of \(name)")
        }
        #expect(written["files"]?.arrayValue?.count == 6)

        // The live tables still hold the whole month, so the replayed pack must equal them.
        let lastDay = try #require(manifest.lastSnapshotDate)
        let liveDevices = try session.query("SELECT count(*)::int FROM device_snapshot WHERE snapshot_date = \(lastDay)")[0].decode(Int.self, 0)
        #expect(Self.dataRows(a["devices.csv"]!) == liveDevices)
        let range = try #require(AuditPack.month(month))
        let liveEpisodes = try session.query("""
            SELECT count(*)::int FROM exceptions WHERE date_found <= \(range.upperBound) AND last_seen_date >= \(range.lowerBound)
            """)[0].decode(Int.self, 0)
        #expect(Self.dataRows(a["exceptions.csv"]!) == liveEpisodes)
        let liveMonthEnd = try CountsQuery(table: .monthEnd, from: range.lowerBound, to: range.upperBound).count(session)
        #expect(Self.dataRows(a["month-end-counts.csv"]!) == liveMonthEnd)
        #expect(liveMonthEnd > 0)

        let text = try Self.pdftotext(a["summary.pdf"]!)
        #expect(text.contains("Audit pack \(month)"))
        #expect(text.contains("seq \(head.seq)"))
        #expect(text.contains(head.chainHex))

        // A later day in the ledger: a pack bounded by the old seq is the same pack.
        try Ledger(session: session).append(testbed.fleet.ninjaRun(day: 12))
        _ = try AuditPack(month: month, maxSeq: head.seq).write(to: folder.appendingPathComponent("c"), session: session)
        #expect(try Self.files(folder.appendingPathComponent("c")) == a)
        let now = try AuditPack(month: month).write(to: folder.appendingPathComponent("d"), session: session)
        #expect(now.bound.seq > head.seq)
    }

    @Test("an audit pack is refused for a month without collections, or over a folder that has files, and leaves nothing half written")
    func auditPackRefusals() async throws {
        let testbed = try APITestbed.make("auditrefuse", days: 2)
        defer { Task { await testbed.close() } }
        let session = try testbed.database.session()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("audit-refuse-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ReportError.self) { try AuditPack(month: "2019-07").write(to: folder.appendingPathComponent("x"), session: session) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))
        #expect(throws: ReportError.self) { try AuditPack(month: "2025-13").write(to: folder.appendingPathComponent("x"), session: session) }
        let occupied = folder.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: occupied.appendingPathComponent("notes.txt"))
        #expect(throws: ReportError.self) { try AuditPack(month: "2025-01").write(to: occupied, session: session) }
        #expect(try Self.files(occupied) == ["notes.txt": Data("keep".utf8)])
        _ = try AuditPack(month: "2025-01").write(to: occupied, replace: true, session: session)
        #expect(try Self.files(occupied)["notes.txt"] == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains("partial") })
    }

    @Test("the variance report downloads as CSV, XLSX and PDF with the API's values; lists download as XLSX")
    func varianceFormats() async throws {
        let testbed = try APITestbed.make("variancefiles")
        defer { Task { await testbed.close() } }
        try await testbed.withClient { client in
            let viewer = testbed.headers(.viewer)
            var episodes: [JSONValue] = []
            try await client.execute(uri: "/api/variance-report/latest", method: .get, headers: viewer) { response in
                episodes = (response.json?["exceptions"]?.objectValue ?? [:]).values.flatMap { $0.arrayValue ?? [] }
            }
            #expect(!episodes.isEmpty)
            try await client.execute(uri: "/api/variance-report/latest?format=csv", method: .get, headers: viewer) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(Self.dataRows(response.data) == episodes.count)
            }
            try await client.execute(uri: "/api/variance-report/latest?format=xlsx", method: .get, headers: viewer) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(response.data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            }
            try await client.execute(uri: "/api/variance-report/latest?format=pdf", method: .get, headers: viewer) { response in
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(response.headers[.contentDisposition]?.contains("variance-") == true)
                let text = try Self.pdftotext(response.data)
                for episode in episodes.prefix(5) {
                    #expect(text.contains(episode["hostname"]?.stringValue ?? "?"), "the PDF lists \(episode["hostname"] ?? .null)")
                }
            }
            try await client.execute(uri: "/api/variance-report/latest?format=docx", method: .get, headers: viewer) { response in
                #expect(response.status == .badRequest)
            }
            for path in ["/api/exceptions", "/api/counts/month-end", "/api/change-log", "/api/devices", "/api/coverage", "/api/sites", "/api/jobs"] {
                try await client.execute(uri: "\(path)?format=xlsx", method: .get, headers: viewer) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "\(path)")
                }
            }
        }
    }

    @Test("POST /api/audit-packs builds the month in a job; its files download and match the manifest")
    func auditPackRoutes() async throws {
        let testbed = try APITestbed.make("auditroutes", days: 4)
        defer { Task { await testbed.close() } }
        try await testbed.withClient { client in
            let viewer = testbed.headers(.viewer)
            var json = viewer
            json[.contentType] = "application/json"
            try await client.execute(uri: "/api/audit-packs", method: .post, headers: json, body: ByteBuffer(string: #"{"month":"2019-07"}"#)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/audit-packs", method: .post, headers: json, body: ByteBuffer(string: #"{"month":"July"}"#)) { response in
                #expect(response.status == .badRequest)
            }
            var jobID = ""
            try await client.execute(uri: "/api/audit-packs", method: .post, headers: json, body: ByteBuffer(string: #"{"month":"2025-01"}"#)) { response in
                #expect(response.status == .accepted)
                jobID = response.json?["job_id"]?.stringValue ?? ""
            }
            var status = "queued"
            let deadline = Date().addingTimeInterval(60)
            while status == "queued" || status == "running", Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
                try await client.execute(uri: "/api/jobs/\(jobID)", method: .get, headers: viewer) { response in
                    status = response.json?["status"]?.stringValue ?? "?"
                }
            }
            #expect(status == "completed")
            var files: [JSONValue] = []
            try await client.execute(uri: "/api/audit-packs", method: .get, headers: viewer) { response in
                let pack = response.json?["items"]?[0]
                #expect(pack?["month"] == "2025-01")
                files = pack?["files"]?.arrayValue ?? []
            }
            #expect(files.count == 6)
            for file in files {
                let name = file["name"]?.stringValue ?? ""
                try await client.execute(uri: "/api/audit-packs/2025-01/\(name)", method: .get, headers: viewer) { response in
                    #expect(response.status == .ok)
                    #expect(Self.sha256(response.data) == file["sha256"]?.stringValue, "\(name)")
                }
            }
            for path in ["/api/audit-packs/2025-01/..%2Fsecrets", "/api/audit-packs/2025-02/summary.pdf"] {
                try await client.execute(uri: path, method: .get, headers: viewer) { response in
                    #expect(response.status == .notFound, "\(path)")
                }
            }
            try await client.execute(uri: "/api/audit-packs", method: .get, headers: [:]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
