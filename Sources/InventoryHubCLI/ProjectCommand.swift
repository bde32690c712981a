import ArgumentParser
import Foundation
import Ledger
import PostgresClient
import Projections

extension ProjectionName: ExpressibleByArgument {}

/// `inventory-hub project catch-up|rebuild|status`.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Derive the read models from the ledger.",
        discussion: "Projections: \(ProjectionName.allCases.map(\.rawValue).joined(separator: ", ")).",
        subcommands: [CatchUp.self, Rebuild.self, Status.self]
    )

    struct CatchUp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catch-up",
            abstract: "Apply the events appended since each projection's checkpoint (run after each collection).",
            discussion: "Read-model writes and the checkpoint commit together per batch; a killed catch-up resumes where it stopped.")

        @Option(help: "Only this projection (and what it needs).") var projection: ProjectionName?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let connection = try await DatabaseTarget.resolve().connect()
            let selected = projection.map { [$0] } ?? ProjectionName.allCases
            let interactive = !json
            let report = try await TrackedJob.run(
                "catch-up", message: "catch up \(selected.map(\.rawValue).joined(separator: ", "))", connection: connection,
                summary: { "caught up to seq \($0.toSeq): \($0.daysApplied) vendor-days" }
            ) {
                try await connection.withSession { session in
                    try ProjectionEngine(session: session).catchUp(selected) { done, total in
                        if interactive { ProgressBar.draw(label: "catch-up", done: Int(done), total: Int(total)) }
                    }
                }
            }
            await connection.close()
            if interactive && report.batches > 0 { ProgressBar.finish() }
            if json {
                try Terminal.printJSON([
                    "projections": report.projections.map(\.rawValue), "fromSeq": report.fromSeq, "toSeq": report.toSeq,
                    "batches": report.batches, "daysApplied": report.daysApplied, "seconds": report.seconds,
                ])
            } else if report.batches == 0 {
                print("up to date at seq \(report.toSeq)")
            } else {
                print("caught up seq \(report.fromSeq + 1)…\(report.toSeq): \(report.daysApplied) vendor-days in \(String(format: "%.2f", report.seconds)) s")
            }
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute read models from the whole ledger into shadow tables, report what changed, swap atomically.",
            discussion: "Rebuilding device_snapshot also rebuilds daily_counts (site ids are renumbered).")

        @Option(help: "Only this projection (and what depends on it).") var projection: ProjectionName?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let connection = try await DatabaseTarget.resolve().connect()
            let selected = projection.map { [$0] } ?? ProjectionName.allCases
            let interactive = !json
            let report = try await TrackedJob.run(
                "rebuild", message: "rebuild \(selected.map(\.rawValue).joined(separator: ", "))", connection: connection,
                summary: { "rebuilt from seq 1…\($0.headSeq): \($0.changes.count) table-days changed" }
            ) {
                try await connection.withSession { session in
                    try ProjectionEngine(session: session).rebuild(selected) { done, total in
                        if interactive { ProgressBar.draw(label: "rebuild", done: done, total: total) }
                    }
                }
            }
            await connection.close()
            if interactive { ProgressBar.finish() }
            if json {
                try Terminal.printJSON([
                    "projections": report.projections.map(\.rawValue), "headSeq": report.headSeq, "seconds": report.seconds,
                    "daysProjected": report.daysProjected,
                    "changes": report.changes.map { ["table": $0.table, "day": $0.day, "added": $0.added, "removed": $0.removed, "changed": $0.changed] },
                ])
                return
            }
            print("rebuilt \(report.projections.map(\.rawValue).joined(separator: ", ")) from seq 1…\(report.headSeq) in \(String(format: "%.2f", report.seconds)) s")
            if report.changes.isEmpty {
                print("no row changed")
            } else {
                print("changes against the previous tables (day: added/removed/changed):")
                for (table, diffs) in Dictionary(grouping: report.changes, by: \.table).sorted(by: { $0.key < $1.key }) {
                    print("  \(table): " + diffs.map { "\($0.day) +\($0.added)/-\($0.removed)/~\($0.changed)" }.joined(separator: ", "))
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Checkpoint, head seq, lag, version and last run of each projection.")
        @Flag(help: "Print the status as JSON.") var json = false

        func run() async throws {
            let connection = try await DatabaseTarget.resolve(.read).connect()
            let statuses = try await connection.withSession { try ProjectionEngine(session: $0).status() }
            await connection.close()
            if json {
                try Terminal.printJSON(statuses.map {
                    [
                        "projection": $0.projection.rawValue, "checkpoint": $0.checkpoint, "headSeq": $0.headSeq, "lag": $0.headSeq - $0.checkpoint,
                        "version": $0.storedVersion, "codeVersion": $0.projection.version,
                        "lastRun": $0.updatedAt.map { ISO8601DateFormatter().string(from: $0) } ?? NSNull(),
                        "lastRunSeconds": $0.lastRunSeconds ?? NSNull(),
                    ] as [String: Any]
                })
                return
            }
            print("projection        checkpoint       head        lag  version  last run")
            for status in statuses {
                let version = status.storedVersion == status.projection.version ? "\(status.storedVersion)" : "\(status.storedVersion)≠\(status.projection.version)"
                let lastRun = status.updatedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "never"
                print(status.projection.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                      + String(format: " %11lld %10lld %10lld  ", status.checkpoint, status.headSeq, status.headSeq - status.checkpoint)
                      + version.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + lastRun)
            }
        }
    }
}
