import ArgumentParser
import Foundation
import InventoryRules
import Ledger
import PostgresClient
import Projections

/// `inventory-hub exceptions list|resolve`.
struct ExceptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exceptions",
        abstract: "List cross-vendor exceptions, and resolve them (a resolution is a ledger event).",
        subcommands: [List.self, Resolve.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List exception episodes, newest first.")
        @Option(help: "Only this type (MISSING_NINJA, DUPLICATE_TL, SITE_MISMATCH, SPARE_MISMATCH, DISPLAY_NAME_MISMATCH, MISSING_THREATLOCKER).")
        var type: String?
        @Option(help: "Only episodes that held on this date (YYYY-MM-DD).") var date: String?
        @Flag(help: "Only unresolved episodes.") var unresolved = false
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if let date, CalendarDate(date) == nil { throw ValidationError("--date must be a date like 2025-03-31, not '\(date)'") }
            if let type, ExceptionType(rawValue: type.uppercased()) == nil {
                throw ValidationError("--type must be one of \(ExceptionType.allCases.map(\.rawValue).joined(separator: ", ")), not '\(type)'")
            }
        }

        func run() async throws {
            let query = ExceptionEpisodeQuery(
                type: type.flatMap { ExceptionType(rawValue: $0.uppercased()) }, status: unresolved ? .open : .all, heldOn: date.flatMap { CalendarDate($0) })
            let connection = try await DatabaseTarget.resolve(.read).connect()
            let rows = try await connection.withSession { try query.rows($0) }
            await connection.close()
            if json {
                try Terminal.printJSON(rows.map { row -> [String: Any] in
                    [
                        "id": row.id, "type": row.type, "hostname": row.hostname, "client": row.client ?? NSNull(),
                        "dateFound": row.dateFound.description, "lastSeenDate": row.lastSeenDate.description, "resolved": row.resolved,
                        "resolution": row.resolution ?? NSNull(), "resolvedBy": row.resolvedBy ?? NSNull(),
                        "details": row.details.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) } ?? NSNull(),
                    ]
                })
                return
            }
            print("id                 type                   hostname         found       last seen   status")
            for row in rows {
                let status = row.resolution.map { $0 == "resolved" ? "resolved by \(row.resolvedBy ?? "?")" : $0 } ?? "open"
                print([
                    String(row.id).padding(toLength: 18, withPad: " ", startingAt: 0), row.type.padding(toLength: 22, withPad: " ", startingAt: 0),
                    row.hostname.padding(toLength: 16, withPad: " ", startingAt: 0), row.dateFound.description, row.lastSeenDate.description, status,
                ].joined(separator: " "))
            }
            print("\(rows.count) exception(s)")
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve an exception episode: appends an exception_resolved event, then catches up.",
            discussion: "The resolution is part of the ledger, so it survives every rebuild and replay.")
        @Argument(help: "The exception id (from `exceptions list`).") var id: Int
        @Option(help: "Who resolved it.") var by: String
        @Option(help: "Why, for the audit trail.") var note: String?

        func run() async throws {
            let connection = try await DatabaseTarget.resolve().connect()
            let (id, by, note) = (self.id, self.by, self.note)
            do {
                let episodes = try await connection.withSession { try ExceptionResolver(session: $0).resolve(ids: [id], by: by, note: note) }
                await connection.close()
                let episode = episodes[0]
                print("resolved exception \(id) (\(episode.type) \(episode.hostname), found \(episode.dateFound)) by \(by)")
            } catch let failure as ExceptionResolver.Failure {
                await connection.close()
                if case .alreadyClosed = failure {
                    print(failure.description)
                    return
                }
                throw ValidationError(failure.description + " (see `inventory-hub exceptions list`)")
            }
        }
    }
}
