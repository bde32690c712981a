import ArgumentParser
import Foundation
import Ledger
import PostgresClient
import Projections

/// `inventory-hub verify`: proves the ledger was not altered.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every ledger event: decompress it, compare raw_len and payload_sha256, recompute the hash chain.",
        discussion: """
            Exits 0 only when every event from seq 1 to the head holds. Otherwise prints the first bad seq and why (a changed payload, a changed field, a missing event) and exits 1.
            """
    )

    @Flag(help: "Print the report as JSON.") var json = false
    @Flag(help: "Instead of the ledger, check the live read models: replay their days from the ledger and compare per-day digests.")
    var projections = false
    @Option(help: "With --projections: first date to compare (default: the oldest live day).") var from: String?
    @Option(help: "With --projections: last date to compare (default: the newest live day).") var to: String?

    func validate() throws {
        if (from != nil || to != nil) && !projections { throw ValidationError("--from and --to go with --projections") }
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to, or neither") }
        if let from, CalendarDate(from) == nil { throw ValidationError("--from must be a date like 2025-03-31") }
        if let to, CalendarDate(to) == nil { throw ValidationError("--to must be a date like 2025-03-31") }
    }

    func run() async throws {
        if projections { return try await verifyProjections() }
        let connection = try await DatabaseTarget.resolve().connect()
        let showProgress = !json && Terminal.isInteractive
        let report = try await connection.withSession { session in
            try LedgerVerifier(session: session).verify { done, head in
                if showProgress { ProgressBar.draw(label: "verify", done: done, total: Int(head)) }
            }
        }
        await connection.close()
        if showProgress { ProgressBar.finish() }
        if json {
            var document: [String: Any] = [
                "intact": report.isIntact, "verified": report.verifiedCount, "headSeq": report.headSeq,
                "seconds": report.seconds, "eventsPerSecond": report.eventsPerSecond.rounded(),
            ]
            if let bad = report.firstBadSeq { document["firstBadSeq"] = bad }
            if let reason = report.reason { document["reason"] = reason }
            try Terminal.printJSON(document)
        } else if let bad = report.firstBadSeq {
            print("ledger NOT intact: first bad seq \(bad): \(report.reason ?? "")")
            print("verified \(report.verifiedCount) events before it")
        } else {
            let rate = Int(report.eventsPerSecond.rounded())
            print("ledger intact: \(report.verifiedCount) events verified (seq 1…\(report.headSeq)) in \(String(format: "%.2f", report.seconds)) s, \(rate) events/s")
        }
        if !report.isIntact { throw ExitCode(1) }
    }

    private func verifyProjections() async throws {
        let range = from.flatMap { CalendarDate($0) }.flatMap { low in to.flatMap { CalendarDate($0) }.map { low...$0 } }
        let connection = try await DatabaseTarget.resolve().connect()
        let report = try await connection.withSession { try ProjectionVerifier(session: $0).verify(range: range) }
        await connection.close()
        if json {
            var document: [String: Any] = [
                "intact": report.isIntact, "daysCompared": report.daysCompared, "maxSeq": report.maxSeq, "seconds": report.seconds,
                "mismatches": report.mismatches.map { ["table": $0.table, "day": $0.day] },
            ]
            if let range = report.range { document["from"] = range.lowerBound.description; document["to"] = range.upperBound.description }
            try Terminal.printJSON(document)
        } else if report.isIntact {
            let span = report.range.map { "\($0.lowerBound)…\($0.upperBound)" } ?? "no live days"
            print("read models match the ledger: \(report.daysCompared) days compared (\(span)) in \(String(format: "%.2f", report.seconds)) s")
        } else {
            print("read models DIFFER from the ledger on \(report.mismatches.count) table-days:")
            for mismatch in report.mismatches { print("  \(mismatch.day) \(mismatch.table)") }
        }
        if !report.isIntact { throw ExitCode(1) }
    }
}
