import Foundation
import Ledger
import PostgresClient
import Testing

@Suite("Ledger digest log files")
struct LedgerDigestLogTests {
    static func digest(_ seq: Int64, month: Int, year: Int = 2025, byte: UInt8 = 1) -> LedgerDigest {
        let day = CalendarDate(year: year, month: month, day: 15)!
        return LedgerDigest(
            seq: seq, chainSHA256: [UInt8](repeating: byte, count: 32),
            recordedAtMicros: Int64(day.daysSinceEpoch) * 86_400_000_000 + 3_600_000_000, events: seq)
    }

    @Test("a digest goes to the file of its recorded_at month, one line each, created with its folder")
    func monthFiles() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let log = LedgerDigestLog(folder: temporary.sub("nested/digests"))
        #expect(try log.append(Self.digest(10, month: 3)).lastPathComponent == "2025-03.jsonl")
        try log.append(Self.digest(20, month: 3))
        #expect(try log.append(Self.digest(30, month: 4)).lastPathComponent == "2025-04.jsonl")
        let march = try String(contentsOf: temporary.sub("nested/digests/2025-03.jsonl"), encoding: .utf8)
        #expect(march == Self.digest(10, month: 3).line + "\n" + Self.digest(20, month: 3).line + "\n")
        let listing = try log.readAll()
        #expect(listing.exists && listing.files == ["2025-03.jsonl", "2025-04.jsonl"])
        #expect(listing.entries.map { "\($0.file):\($0.line):\($0.digest?.seq ?? 0)" } == ["2025-03.jsonl:1:10", "2025-03.jsonl:2:20", "2025-04.jsonl:1:30"])
    }

    @Test("every *.jsonl of the folder is read in name order; other files are ignored")
    func readsEveryFile() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let log = LedgerDigestLog(folder: temporary.url)
        for month in (1...12).reversed() { try log.append(Self.digest(Int64(month), month: month, year: 2024)) }
        try Data("not a digest\n".utf8).write(to: temporary.sub("README.txt"))
        try Data("{}\n".utf8).write(to: temporary.sub("2024-13.jsonl.bak"))
        let listing = try log.readAll()
        #expect(listing.files.count == 12)
        #expect(listing.files == listing.files.sorted())
        #expect(listing.entries.compactMap { $0.digest?.seq } == Array(1...12))
    }

    @Test("a line that is not a digest is reported with its file and line, and reading goes on")
    func badLine() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let log = LedgerDigestLog(folder: temporary.url)
        try log.append(Self.digest(5, month: 3))
        let file = temporary.sub("2025-03.jsonl")
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":6,\"chain\n\n".utf8) + Data([0xFF, 0xFE, 0x0A]))
        try handle.close()
        try log.append(Self.digest(9, month: 3))
        let entries = try log.readAll().entries
        #expect(entries.count == 5)
        #expect(entries[0].digest?.seq == 5 && entries[4].digest?.seq == 9)
        #expect(entries[1].line == 2 && entries[1].digest == nil)
        #expect(entries[2].line == 3 && entries[2].digest == nil)
        if case .failure(let error) = entries[3].parsed { #expect(error.reason == "not UTF-8 text") } else { Issue.record("line 4 parsed") }
        let check = LedgerDigestCheck.compare(
            try log.readAll(), headSeq: 9, chainAt: [5: [UInt8](repeating: 1, count: 32), 9: [UInt8](repeating: 1, count: 32)])
        #expect(check.status == .failed)
        #expect(check.failures.map(\.line) == [2, 3, 4])
        #expect(check.failures.allSatisfy { $0.kind == .unreadable && $0.file == "2025-03.jsonl" && $0.message.contains("2025-03.jsonl line \($0.line)") })
        #expect(check.checked == 2)
    }

    @Test("a last line cut short by a crash gets a newline first, so it never swallows the next digest")
    func tornLine() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let log = LedgerDigestLog(folder: temporary.url)
        try Data(Self.digest(5, month: 3).line.prefix(30).utf8).write(to: temporary.sub("2025-03.jsonl"))
        try log.append(Self.digest(9, month: 3))
        let entries = try log.readAll().entries
        #expect(entries.count == 2)
        #expect(entries[0].digest == nil)
        #expect(entries[1].digest == Self.digest(9, month: 3))
    }

    @Test("a missing folder is reported as missing, an empty one as empty, neither as holding")
    func absentDigests() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let missing = try LedgerDigestLog(folder: temporary.sub("nowhere")).readAll()
        #expect(!missing.exists && missing.entries.isEmpty)
        #expect(LedgerDigestCheck.compare(missing, headSeq: 10, chainAt: [:]).status == .missing)
        let empty = try LedgerDigestLog(folder: temporary.url).readAll()
        #expect(empty.exists)
        #expect(LedgerDigestCheck.compare(empty, headSeq: 10, chainAt: [:]).status == .empty)
    }

    @Test("a folder path that is a file cannot be read as a digest folder")
    func notAFolder() throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        try Data().write(to: temporary.sub("file"))
        #expect(throws: LedgerDigestLogError.self) { try LedgerDigestLog(folder: temporary.sub("file")).readAll() }
    }

    @Test("digests past the head fail as a truncated tail, differing hashes as a rewritten chain bounded by the last that holds")
    func comparison() {
        let good = [UInt8](repeating: 1, count: 32)
        let entries = [
            LedgerDigestEntry(file: "2025-03.jsonl", line: 1, parsed: .success(Self.digest(10, month: 3))),
            LedgerDigestEntry(file: "2025-03.jsonl", line: 2, parsed: .success(Self.digest(20, month: 3))),
            LedgerDigestEntry(file: "2025-04.jsonl", line: 1, parsed: .success(Self.digest(30, month: 4))),
            LedgerDigestEntry(file: "2025-04.jsonl", line: 2, parsed: .success(Self.digest(40, month: 4))),
        ]
        let listing = LedgerDigestListing(folder: "/d", exists: true, files: ["2025-03.jsonl", "2025-04.jsonl"], entries: entries)
        let check = LedgerDigestCheck.compare(listing, headSeq: 35, chainAt: [10: good, 20: [UInt8](repeating: 2, count: 32), 30: good])
        #expect(check.status == .failed)
        #expect(check.checked == 4)
        #expect(check.newestHeldSeq == 30)
        #expect(check.failures.map(\.kind) == [.rewrittenChain, .truncatedTail])
        #expect(check.failures.map(\.seq) == [20, 40])
        #expect(check.failures[0].message.contains("seq 11…20"))
        #expect(check.failures[1].message.contains("2025-04.jsonl line 2") && check.failures[1].message.contains("head 35"))

        let holding = LedgerDigestCheck.compare(listing, headSeq: 40, chainAt: [10: good, 20: good, 30: good, 40: good])
        #expect(holding.status == .held && holding.failures.isEmpty && holding.newestHeldSeq == 40)
        // The chain broke before seq 30: the digests from there on are not compared.
        let broken = LedgerDigestCheck.compare(listing, headSeq: 40, chainAt: [10: good, 20: good])
        #expect(broken.status == .incomplete && broken.unchecked == 2 && broken.checked == 2)
    }
}
