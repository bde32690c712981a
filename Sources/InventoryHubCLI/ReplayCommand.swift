import ArgumentParser
import Foundation
import PostgresClient
import Projections

/// `inventory-hub replay`: reconstruct read models of a date range from the ledger alone.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild the read models of a date range from the ledger, into a schema or CSV files.",
        discussion: """
            Works for any range, also days the live tables no longer keep (65-day retention). First/last-seen dates and change metrics use every event before the range within the bound. With --known-at, events recorded after that instant are ignored: the result is what the system knew then. The exception episodes are those the live table held at the range's last day that held on some day of the range (an episode that began before the range keeps its date_found).

            --into writes a schema on DB_DSN. --out only reads: from DB_READ_DSN when set; on a server that takes no writes (a hot standby) the replay runs in a private scratch cluster, started in the temporary folder with the ledger copied into it, and deleted afterwards (this needs the PostgreSQL server binaries, INVENTORY_HUB_PG_BIN).

            Examples:
              inventory-hub replay --from 2025-03-01 --to 2025-03-31 --into audit_march
              inventory-hub replay --from 2025-03-01 --to 2025-03-31 --out march/ \\
                  --known-at 2025-04-01T08:00:00Z
            """
    )

    @Option(help: "First snapshot date (YYYY-MM-DD).") var from: String
    @Option(help: "Last snapshot date (YYYY-MM-DD).") var to: String
    @Option(name: .customLong("known-at"), help: "Only events recorded at or before this ISO 8601 instant.") var knownAt: String?
    @Option(help: "Replay into this new schema.") var into: String?
    @Option(help: "Write CSV files and manifest.json into this directory.") var out: String?
    @Option(help: "Only one vendor: ninja or threatlocker.") var vendor: String?
    @Flag(help: "Overwrite an existing schema or non-empty directory.") var replace = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        guard let start = CalendarDate(from), let end = CalendarDate(to) else { throw ValidationError("--from and --to must be dates like 2025-03-31") }
        guard start <= end else { throw ValidationError("--from \(from) is after --to \(to)") }
        guard (into == nil) != (out == nil) else { throw ValidationError("give exactly one of --into SCHEMA or --out DIR") }
        if let knownAt, Self.parseInstant(knownAt) == nil { throw ValidationError("--known-at must be an ISO 8601 time like 2025-04-01T08:00:00Z") }
        if let vendor, Self.vendorID(vendor) == nil { throw ValidationError("--vendor must be ninja or threatlocker") }
        if let into, into.isEmpty || into == "public" { throw ValidationError("--into needs a schema other than public") }
    }

    static func parseInstant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func vendorID(_ name: String) -> Int? {
        switch name.lowercased() {
        case "ninja", "ninjaone": return 3
        case "threatlocker": return 4
        default: return nil
        }
    }

    func run() async throws {
        let request = Replayer.Request(
            range: CalendarDate(from)!...CalendarDate(to)!, knownAt: knownAt.flatMap(Self.parseInstant), vendorID: vendor.flatMap(Self.vendorID))
        var outputDirectory: URL?
        if let out {
            let url = URL(fileURLWithPath: out)
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            if !contents.isEmpty {
                guard replace else { throw ReplayError.directoryNotEmpty(out) }
                for name in contents { try FileManager.default.removeItem(at: url.appendingPathComponent(name)) }
            }
            outputDirectory = url
        }
        let directory = outputDirectory
        let schema = into ?? "inventory_replay_\(ProcessInfo.processInfo.processIdentifier)"
        let replaceSchema = into == nil ? true : replace
        let interactive = !json
        // --into writes a schema: the primary. --out only reads: DB_READ_DSN when set, and a
        // scratch cluster when that server takes no writes.
        let target = try DatabaseTarget.resolve(directory == nil ? .write : .read)
        let outcome = await Result(catching: {
            try await ScratchCluster.withReplaySession(reading: target) { _, session -> (Replayer.Report, [ReplayExport.FileEntry]) in
                let report = try Replayer(session: session).replay(request, into: schema, replace: replaceSchema) { done, total in
                    if interactive { ProgressBar.draw(label: "replay", done: done, total: total) }
                }
                guard let directory else { return (report, []) }
                defer { _ = try? session.execute("DROP SCHEMA IF EXISTS \(PostgresQuery.quoteIdentifier(schema)) CASCADE") }
                return (report, try ReplayExport(session: session).write(report, to: directory))
            }
        })
        if interactive { ProgressBar.finish() }
        let (report, files) = try outcome.get()
        if json {
            try Terminal.printJSON([
                "from": from, "to": to, "maxSeq": report.maxSeq, "seconds": report.seconds, "rows": report.rowCounts,
                "target": out ?? schema, "files": files.map { ["name": $0.name, "rows": $0.rows, "sha256": $0.sha256] },
            ])
            return
        }
        print("replayed \(from)…\(to) from ledger seq 1…\(report.maxSeq) in \(String(format: "%.2f", report.seconds)) s into \(out ?? "schema \(schema)")")
        for (table, count) in report.rowCounts.sorted(by: { $0.key < $1.key }) { print("  \(table): \(count) rows") }
    }
}
