import ArgumentParser
import Foundation
import InventoryHubAPI
import PostgresClient
import Projections

/// `inventory-hub report variance|audit`: the reports the dashboard downloads, as files.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the variance report (CSV, XLSX, PDF) or a month's audit pack.",
        subcommands: [Variance.self, Audit.self]
    )

    struct Variance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the variance report of a compared day: CSV (the episodes), XLSX or PDF (counts, summary, clients, episodes).",
            discussion: """
                A compared day is one on which both vendors completed a run and the live tables still hold (65 days). The XLSX and PDF are dated by the ledger head's time and name its seq and chain hash, so the same ledger gives the same bytes.

                Examples:
                  inventory-hub report variance --format pdf --out variance.pdf
                  inventory-hub report variance --date 2025-03-31 --format xlsx --out march-31.xlsx
                """
        )

        @Option(help: "The compared day (YYYY-MM-DD); the newest one when absent.") var date: String?
        @Option(help: "csv, xlsx or pdf.") var format: String
        @Option(help: "The file to write (replaced if it exists); - writes to standard output.") var out: String
        @Flag(help: "Resolved and cleared episodes of the day as well as the open ones.") var includeResolved = false

        func validate() throws {
            if let date, CalendarDate(date)?.description != date { throw ValidationError("--date must be a date like 2025-03-31, not '\(date)'") }
            guard ReportFormat(rawValue: format.lowercased()) != nil else { throw ValidationError("--format must be csv, xlsx or pdf, not '\(format)'") }
            guard !out.isEmpty else { throw ValidationError("--out needs a file name") }
        }

        func run() async throws {
            let format = ReportFormat(rawValue: format.lowercased())!
            let connection = try await DatabaseTarget.resolve(.read).connect()
            let result = await Result(catching: { try await connection.withSession { session in
                let document = try VarianceReportDocument.load(date: date.flatMap { CalendarDate($0) }, includeResolved: includeResolved, session)
                return (document, try document.data(format))
            } })
            await connection.close()
            let (document, data) = try result.get()
            if out == "-" {
                FileHandle.standardOutput.write(data)
                return
            }
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
            print("wrote \(out): variance report of \(document.report.date), \(document.report.episodes.count) episode(s), ledger seq \(document.bound.seq) (\(data.count) bytes)")
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay a month from the ledger and write its audit pack into a folder.",
            discussion: """
                The pack: month-end-counts.csv (by client), devices.csv (the month's last snapshot day), exceptions.csv (the episodes that held in the month, as the live table had them), change-log.csv, audit.xlsx (the four as sheets), summary.pdf, and manifest.json with the ledger seq bound, the chain hash at that seq and the SHA-256 of every file. Works for any month the ledger holds, also one the live tables no longer keep. Two runs with the same bound give identical files; the PDF and XLSX are dated by the bound's time.

                The folder is written beside --out and moved into place when complete: an interrupted run leaves no half pack.

                Reads from DB_READ_DSN when set. On a server that takes no writes (a hot standby) the replay runs in a private scratch cluster, started in the temporary folder with the ledger copied into it, and deleted afterwards; this needs the PostgreSQL server binaries (INVENTORY_HUB_PG_BIN).

                Examples:
                  inventory-hub report audit --month 2025-03 --out audit-2025-03
                  inventory-hub report audit --month 2025-03 --max-seq 1203340 --out audit-2025-03 --replace
                """
        )

        @Option(help: "The month (YYYY-MM).") var month: String
        @Option(help: "The folder to write; must not exist or be empty, unless --replace.") var out: String
        @Option(name: .customLong("max-seq"), help: "Ignore ledger events after this seq (default: the head), to reproduce an earlier pack.")
        var maxSeq: Int64?
        @Flag(help: "Replace an existing folder.") var replace = false
        @Flag(help: "Print the manifest as JSON instead of a summary.") var json = false

        func validate() throws {
            guard AuditPack.month(month) != nil else { throw ValidationError("--month must be a month like 2025-03, not '\(month)'") }
            if let maxSeq, maxSeq < 1 { throw ValidationError("--max-seq must be at least 1") }
        }

        func run() async throws {
            let pack = AuditPack(month: month, maxSeq: maxSeq)
            let directory = URL(fileURLWithPath: out)
            let interactive = !json
            // Only reads: DB_READ_DSN when set, replayed in a scratch cluster when it takes no writes.
            let manifest = try await ScratchCluster.withReplaySession(reading: try DatabaseTarget.resolve(.read)) { _, session in
                try pack.write(to: directory, replace: replace, session: session) { done, total in
                    if interactive { ProgressBar.draw(label: "replay \(month)", done: done, total: total) }
                }
            }
            if json {
                print(manifest.jsonText)
                return
            }
            print("audit pack of \(month) in \(out): ledger seq \(manifest.bound.seq), chain \(manifest.bound.chainSHA256)")
            for file in manifest.files {
                print("  \(file.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(file.bytes).leftPadded(9)) bytes  sha256 \(file.sha256)")
            }
            print("  \(AuditPack.manifestName)")
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

extension Result where Failure == any Error {
    /// The outcome of async work, so a connection can be closed before its error is thrown.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
