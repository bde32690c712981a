import ArgumentParser
import Foundation
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
        }

        func run() async throws {
            var query: PostgresQuery = """
                SELECT id, type, hostname, date_found, last_seen_date, resolved, resolution, resolved_by, details::text
                FROM exceptions WHERE true
                """
            if let type { query.and("type = \(type.uppercased())") }
            if let date = date.flatMap({ CalendarDate($0) }) { query.and("date_found <= \(date) AND last_seen_date >= \(date)") }
            if unresolved { query.and("NOT resolved") }
            query.sql += " ORDER BY date_found DESC, type, hostname"
            let connection = try await DatabaseTarget.resolve().connect()
            let rows = try await connection.query(query)
            await connection.close()
            if json {
                try Terminal.printJSON(try rows.map { row -> [String: Any] in
                    [
                        "id": try row.decode(Int.self, 0), "type": try row.decode(String.self, 1), "hostname": try row.decode(String.self, 2),
                        "dateFound": try row.decode(String.self, 3), "lastSeenDate": try row.decode(String.self, 4),
                        "resolved": try row.decode(Bool.self, 5), "resolution": try row.decode(String?.self, 6) ?? NSNull(),
                        "resolvedBy": try row.decode(String?.self, 7) ?? NSNull(),
                        "details": (try? JSONSerialization.jsonObject(with: Data((try row.decode(String?.self, 8) ?? "null").utf8), options: [.fragmentsAllowed])) ?? NSNull(),
                    ]
                })
                return
            }
            print("id                 type                   hostname         found       last seen   status")
            for row in rows {
                let status = try row.decode(String?.self, 6).map { $0 == "resolved" ? "resolved by \(try row.decode(String?.self, 7) ?? "?")" : $0 } ?? "open"
                print([
                    String(try row.decode(Int.self, 0)).padding(toLength: 18, withPad: " ", startingAt: 0),
                    try row.decode(String.self, 1).padding(toLength: 22, withPad: " ", startingAt: 0),
                    try row.decode(String.self, 2).padding(toLength: 16, withPad: " ", startingAt: 0),
                    try row.decode(String.self, 3), try row.decode(String.self, 4), status,
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
            let found = try await connection.query("SELECT type, hostname, date_found::text, resolution FROM exceptions WHERE id = \(id)")
            guard let row = found.first else {
                await connection.close()
                throw ValidationError("no exception has id \(id) (see `inventory-hub exceptions list`)")
            }
            let type = try row.decode(String.self, 0)
            let key = try row.decode(String.self, 1)
            let dateFound = try row.decode(String.self, 2)
            if try row.decode(String?.self, 3) == "resolved" {
                await connection.close()
                print("exception \(id) is already resolved")
                return
            }
            let draft = LedgerEventDraft(
                eventType: LedgerEventType.exceptionResolved, vendorID: nil, observedOn: CalendarDate(dateFound), subject: "\(type):\(key)",
                payload: LedgerPayload.exceptionResolved(type: type, key: key, dateFound: dateFound, resolvedBy: by, note: note))
            let appended = try await connection.withSession { session in
                let result = try Ledger(session: session).append(LedgerRun(vendorID: nil, observedOn: CalendarDate(dateFound), events: [draft], completion: nil))
                _ = try ProjectionEngine(session: session).catchUp([.exceptions])
                return result
            }
            await connection.close()
            print("resolved exception \(id) (\(type) \(key), found \(dateFound)) as ledger event \(appended.firstSeq)")
        }
    }
}
