import Foundation
import Ledger
import PostgresClient

/// `verify --projections`: replays the live tables' days from the ledger into a temporary
/// schema and compares per-day digests, so a read-model row changed behind the projector's
/// back is found without trusting the live tables.
public struct ProjectionVerifier {
    public struct Mismatch: Sendable, Hashable {
        public let table: String
        public let day: String

        public init(table: String, day: String) {
            self.table = table
            self.day = day
        }
    }

    public struct Report: Sendable {
        public var range: ClosedRange<CalendarDate>?
        public var maxSeq: Int64 = 0
        public var daysCompared = 0
        public var mismatches: [Mismatch] = []
        public var seconds = 0.0
        public var isIntact: Bool { mismatches.isEmpty }
    }

    /// The per-day tables compared (the episode table is a fold over all history; its per-day
    /// inputs, `exception_finding`, are compared instead).
    static let tables = ["device_snapshot", "daily_counts", "month_end_counts", "change_log", "exception_finding"]

    let session: PostgresSession
    let workspace: PostgresSession

    /// - Parameters:
    ///   - session: reads the live tables and the checkpoint.
    ///   - workspace: where the replay writes its scratch schema; by default `session`. On a
    ///     server that takes no writes it is a database holding a copy of the same ledger
    ///     (`Ledger.mirror(into:)`), taken no earlier than the live tables' checkpoint.
    public init(session: PostgresSession, workspace: PostgresSession? = nil) {
        self.session = session
        self.workspace = workspace ?? session
    }

    /// - Parameter range: default, every day the live tables hold.
    public func verify(range requested: ClosedRange<CalendarDate>? = nil) throws -> Report {
        let started = Date()
        var report = Report()
        let liveRange = try session.query("SELECT min(snapshot_date), max(snapshot_date) FROM public.device_snapshot")[0]
        guard let low = try liveRange.decode(CalendarDate?.self, 0), let high = try liveRange.decode(CalendarDate?.self, 1) else {
            report.range = requested
            return report
        }
        let range = requested ?? low...high
        report.range = range
        let checkpoint = Int64(try session.query("SELECT coalesce(min(last_seq), 0) FROM projection_checkpoint")[0].decode(Int.self, 0))
        if workspace !== session {
            let copied = try Ledger(session: workspace, digests: nil).headSeq()
            guard copied >= checkpoint else { throw ReplayError.ledgerCopyBehind(copied: copied, checkpoint: checkpoint) }
        }
        let schema = "inventory_verify_\(workspace.backendPID)"
        defer { _ = try? workspace.execute("DROP SCHEMA IF EXISTS \(PostgresQuery.quoteIdentifier(schema)) CASCADE") }
        let replay = try Replayer(session: workspace).replay(.init(range: range, maxSeq: checkpoint), into: schema, replace: true)
        report.maxSeq = replay.maxSeq
        var days = Set<String>()
        for table in Self.tables {
            let live = try ReadModelDigest.digests(table: table, schema: "public", siteSchema: "public", session: session)
            let replayed = try ReadModelDigest.digests(table: table, schema: schema, siteSchema: schema, session: workspace)
            let inRange = { (day: String) -> Bool in
                guard let date = CalendarDate(day) else { return false }
                return range.contains(date) && (table != "month_end_counts" || range.contains(date.startOfMonth))
            }
            for day in Set(live.keys).union(replayed.keys).filter(inRange).sorted() {
                days.insert(day)
                if live[day] != replayed[day] { report.mismatches.append(Mismatch(table: table, day: day)) }
            }
        }
        // Episodes: those that held on some day of the range, as the live table has them; only
        // meaningful when the range ends on the newest live day (the live episodes go on after).
        if range.upperBound == high {
            let episodes: (String, PostgresSession) throws -> [String: Set<String>] = { schema, session in
                var byDay: [String: Set<String>] = [:]
                for row in try session.query("""
                    SELECT date_found::text, (type, hostname, date_found, last_seen_date, resolved, resolution, resolved_by)::text
                    FROM \(identifier: schema).exceptions WHERE last_seen_date >= \(range.lowerBound) AND date_found <= \(range.upperBound)
                    """)
                {
                    byDay[try row.decode(String.self, 0), default: []].insert(try row.decode(String.self, 1))
                }
                return byDay
            }
            let live = try episodes("public", session), replayed = try episodes(schema, workspace)
            for day in Set(live.keys).union(replayed.keys).sorted() where live[day] != replayed[day] {
                report.mismatches.append(Mismatch(table: "exceptions", day: day))
            }
        }
        report.daysCompared = days.count
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
