import ArgumentParser
import Foundation
import Ledger
import PostgresClient
import Projections

/// `inventory-hub verify`: proves the ledger was not altered.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every ledger event: decompress it, compare raw_len and payload_sha256, recompute the hash chain, compare the digests.",
        discussion: """
            Recomputes every payload hash and the whole chain, then compares every ledger digest (the head written outside the database after each append; INVENTORY_HUB_DIGEST_DIR, default INVENTORY_HUB_HOME/digests): a digest whose seq is past the head is a truncated tail, a digest whose chain hash differs from the recomputed one is a rewritten chain; either is named by its file, line and seq.

            Exits 1 when an event does not hold (the first bad seq and why) or a digest does not match. Without digests (no folder, or no digest in it) the chain alone cannot show a ledger rewritten or truncated consistently: that is reported on its own line, and exits 0 unless --require-digests (or --digests DIR) is given.

            Reads from DB_READ_DSN when set. --projections replays the live days; on a server that takes no writes (a hot standby) that replay runs in a private scratch cluster, started in the temporary folder with the ledger copied into it, and deleted afterwards (this needs the PostgreSQL server binaries, INVENTORY_HUB_PG_BIN).
            """
    )

    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "Compare the digests in this folder instead of the configured one; the folder must exist and hold digests.")
    var digests: String?
    @Flag(help: "Exit 1 when there are no digests to compare (no folder, or an empty one).") var requireDigests = false
    @Flag(help: "Instead of the ledger, check the live read models: replay their days from the ledger and compare per-day digests.")
    var projections = false
    @Option(help: "With --projections: first date to compare (default: the oldest live day).") var from: String?
    @Option(help: "With --projections: last date to compare (default: the newest live day).") var to: String?

    func validate() throws {
        if (from != nil || to != nil) && !projections { throw ValidationError("--from and --to go with --projections") }
        if projections && (digests != nil || requireDigests) { throw ValidationError("--digests and --require-digests check the ledger, not --projections") }
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to, or neither") }
        if let from, CalendarDate(from) == nil { throw ValidationError("--from must be a date like 2025-03-31") }
        if let to, CalendarDate(to) == nil { throw ValidationError("--to must be a date like 2025-03-31") }
        if let digests, digests.isEmpty { throw ValidationError("--digests needs a folder") }
    }

    func run() async throws {
        if projections { return try await verifyProjections() }
        let log = try digests.map { LedgerDigestLog(folder: URL(fileURLWithPath: $0).standardizedFileURL) } ?? DigestFolder.log()
        let connection = try await DatabaseTarget.resolve(.read).connect()
        let showProgress = !json
        let outcome: LedgerVerifier.DigestedReport
        do {
            outcome = try await connection.withSession { session in
                try LedgerVerifier(session: session).verify(digests: log) { done, head in
                    if showProgress { ProgressBar.draw(label: "verify", done: done, total: Int(head)) }
                }
            }
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        if showProgress { ProgressBar.finish() }
        let digestsRequired = requireDigests || digests != nil
        if json { try Terminal.printJSON(Self.document(outcome)) } else { Self.printText(outcome) }
        if !outcome.chain.isIntact || outcome.digests.status == .failed { throw ExitCode(1) }
        if digestsRequired && outcome.digests.status != .held { throw ExitCode(1) }
    }

    static func document(_ outcome: LedgerVerifier.DigestedReport) -> [String: Any] {
        let report = outcome.chain, check = outcome.digests
        var document: [String: Any] = [
            "intact": report.isIntact && check.status != .failed, "chainIntact": report.isIntact, "proven": outcome.isProven,
            "verified": report.verifiedCount, "headSeq": report.headSeq,
            "seconds": report.seconds, "eventsPerSecond": report.eventsPerSecond.rounded(),
        ]
        if let bad = report.firstBadSeq { document["firstBadSeq"] = bad }
        if let reason = report.reason { document["reason"] = reason }
        var digests: [String: Any] = [
            "folder": check.folder, "status": check.status.rawValue, "files": check.files, "checked": check.checked,
            "unchecked": check.unchecked,
            "failures": check.failures.map { failure -> [String: Any] in
                var item: [String: Any] = ["file": failure.file, "line": failure.line, "kind": failure.kind.rawValue, "message": failure.message]
                if let seq = failure.seq { item["seq"] = seq }
                return item
            },
        ]
        if let newest = check.newestHeldSeq { digests["newestHeldSeq"] = newest }
        if let warning = absenceWarning(check) { digests["warning"] = warning }
        document["digests"] = digests
        return document
    }

    /// The sentence that keeps an absent digest folder from reading as a pass.
    static func absenceWarning(_ check: LedgerDigestCheck) -> String? {
        switch check.status {
        case .missing: return "no digest folder at \(check.folder): the chain alone cannot show a rewritten or truncated ledger"
        case .empty: return "no digests in \(check.folder): the chain alone cannot show a rewritten or truncated ledger"
        case .held, .failed, .incomplete: return nil
        }
    }

    static func printText(_ outcome: LedgerVerifier.DigestedReport) {
        let report = outcome.chain, check = outcome.digests
        let timing = "in \(String(format: "%.2f", report.seconds)) s, \(Int(report.eventsPerSecond.rounded())) events/s"
        if let bad = report.firstBadSeq {
            print("ledger NOT intact: first bad seq \(bad): \(report.reason ?? "")")
            print("verified \(report.verifiedCount) events before it")
        } else if check.status == .failed {
            let count = check.failures.count
            print("ledger NOT intact: \(counted(count, "digest line")) in \(check.folder) do\(count == 1 ? "es" : "") not match it")
            print("(the chain itself is consistent: \(report.verifiedCount) events, seq 1…\(report.headSeq), \(timing))")
        } else if check.status == .held {
            print("ledger intact: \(report.verifiedCount) events verified (seq 1…\(report.headSeq)) \(timing)")
        } else {
            print("ledger chain consistent: \(report.verifiedCount) events verified (seq 1…\(report.headSeq)) \(timing)")
        }
        for failure in check.failures { print("  \(failure.message)") }
        switch check.status {
        case .held:
            let newest = check.newestHeldSeq ?? 0
            let tail = newest < report.headSeq ? "; seq \(newest + 1)…\(report.headSeq) have no digest yet (covered by the chain only)" : ""
            print("digests hold: \(counted(check.checked, "digest")) in \(counted(check.files.count, "file")) in \(check.folder) match the ledger (newest seq \(newest))\(tail)")
        case .incomplete, .failed:
            if check.unchecked > 0 { print("digests: \(check.checked) compared, \(check.unchecked) not compared (at or after the first bad seq)") }
        case .missing, .empty:
            print(absenceWarning(check) ?? "")
        }
    }

    private static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    private func verifyProjections() async throws {
        let range = from.flatMap { CalendarDate($0) }.flatMap { low in to.flatMap { CalendarDate($0) }.map { low...$0 } }
        // Only reads the live tables: DB_READ_DSN when set, with the replay in a scratch cluster
        // when that server takes no writes.
        let report = try await ScratchCluster.withReplaySession(reading: try DatabaseTarget.resolve(.read)) { source, workspace in
            try ProjectionVerifier(session: source, workspace: workspace).verify(range: range)
        }
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
