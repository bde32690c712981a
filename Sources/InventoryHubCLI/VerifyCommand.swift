import ArgumentParser
import Foundation
import Ledger
import PostgresClient

/// `inventory-hub verify`: proves the ledger was not altered.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every ledger event: decompress it, compare raw_len and payload_sha256, recompute the hash chain.",
        discussion: """
            Exits 0 only when every event from seq 1 to the head holds. Otherwise prints the first
            bad seq and why (a changed payload, a changed field, a missing event) and exits 1.
            """
    )

    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
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
}
