import Crypto
import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient

/// Writes `exception_finding` for each compared day (a date on which both vendors have a run)
/// and folds all findings and resolutions into the episodes of `exceptions`.
struct ExceptionsProjector {
    let session: PostgresSession
    let scope: ProjectionScope
    let rows: RunRowCache
    let aliases: SiteAliases
    let rules: ProjectionRules

    /// The rules of `date` started on another thread, when both vendors' rows for it are decoded
    /// already: they then run while PostgreSQL ingests the day's snapshot rows. Nil otherwise.
    func startEvaluating(_ date: CalendarDate, effective: EffectiveRunIndex) -> BackgroundWork<EvaluatedDay>? {
        guard let ninja = effective.run(vendorID: Vendor.ninja.rawValue, date: date).flatMap(rows.cachedRows(of:)),
            let threatLocker = effective.run(vendorID: Vendor.threatLocker.rawValue, date: date).flatMap(rows.cachedRows(of:))
        else { return nil }
        return evaluate(ninja, threatLocker)
    }

    /// A day's findings, each with its details as the canonical JSON text the COPY writes.
    typealias EvaluatedDay = [(finding: ExceptionFinding, details: String)]

    /// The rules over a day's rows, and the findings' text, on another thread.
    private func evaluate(_ ninja: [DeviceSnapshotRow], _ threatLocker: [DeviceSnapshotRow]) -> BackgroundWork<EvaluatedDay> {
        let rules = rules, aliases = aliases
        return BackgroundWork {
            rules.evaluateExceptions(ninja, threatLocker, aliases.clientName).map { ($0, CanonicalJSONWriter.string($0.details)) }
        }
    }

    /// - Parameters:
    ///   - rowsReady: called once the day's rows are at hand, before the rules run (to start
    ///     mapping the next day's).
    ///   - started: the day's rules, already running (`startEvaluating`).
    /// - Returns: the day's findings, nil when it is not a compared day (one vendor only).
    @discardableResult
    func evaluateDay(
        _ date: CalendarDate, effective: EffectiveRunIndex, started: BackgroundWork<EvaluatedDay>? = nil,
        rowsReady: () throws -> Void = {}
    ) throws -> [ExceptionFinding]? {
        try session.query("DELETE FROM \(scope.table("exception_finding")) WHERE compared_on = \(date)")
        guard let ninja = effective.run(vendorID: Vendor.ninja.rawValue, date: date),
            let threatLocker = effective.run(vendorID: Vendor.threatLocker.rawValue, date: date)
        else { return nil }
        // The rules run on another thread while `rowsReady` fetches the next day's events on
        // this one (the session's).
        let evaluation = try started ?? evaluate(rows.rows(of: ninja), rows.rows(of: threatLocker))
        try rowsReady()
        let evaluated = try evaluation.wait()
        guard !evaluated.isEmpty else { return [] }
        let day = date.description
        try session.copyIn("COPY \(scope.table("exception_finding")) (compared_on, type, hostname, details) FROM STDIN") { writer in
            for (finding, details) in evaluated {
                writer.appendText(day)
                writer.appendText(finding.type.rawValue)
                writer.appendText(finding.key.value)
                writer.appendText(details)
                try writer.endRow()
            }
        }
        return evaluated.map(\.finding)
    }

    /// Rewrites `exceptions` from every stored finding and every resolution in scope. Closed
    /// episodes that ended before `retainFrom` are left out; open ones are always kept.
    /// - Parameters:
    ///   - earlierDays: findings of compared days the scope does not store (a replay's days
    ///     before its range), folded in so episodes keep the `date_found` the live table has.
    ///   - overlapping: keep only the episodes that held on some day of this range.
    func refold(retainFrom: CalendarDate?, earlierDays: [CalendarDate: [ExceptionFinding]] = [:], overlapping: ClosedRange<CalendarDate>? = nil) throws {
        // The fold needs only each day's (type, key); an episode's details are those of its
        // newest day, so only the written episodes' details are read back (as text: only a
        // resolved episode's are parsed, to add its note). Reading every finding's details of
        // the whole history was most of a refold's time.
        var timer = PhaseTimer()
        var days: [CalendarDate: [ExceptionFinding]] = [:]
        for row in try session.query("SELECT compared_on, type, hostname FROM \(scope.table("exception_finding"))") {
            guard let type = ExceptionType(rawValue: try row.decode(String.self, 1)),
                let key = CanonicalKey(try row.decode(String.self, 2))
            else { continue }
            days[try row.decode(CalendarDate.self, 0), default: []].append(ExceptionFinding(type: type, key: key, details: .null))
        }
        var detailsText: [String: String] = [:]
        for (day, findings) in earlierDays where days[day] == nil {
            days[day] = findings.map { ExceptionFinding(type: $0.type, key: $0.key, details: .null) }
            for finding in findings { detailsText[Self.detailsKey(day, finding.type.rawValue, finding.key.value)] = CanonicalJSONWriter.string(finding.details) }
        }
        let episodes = ExceptionHistory.fold(days: days.map { (day: $0.key, findings: $0.value) }, resolutions: try resolutions()).filter { episode in
            if let retainFrom, episode.resolved, episode.lastSeenDate < retainFrom { return false }
            if let overlapping, episode.lastSeenDate < overlapping.lowerBound || episode.dateFound > overlapping.upperBound { return false }
            return true
        }
        timer.lap("  episodes: findings and fold")
        let stored = episodes.filter { detailsText[Self.detailsKey($0.lastSeenDate, $0.type.rawValue, $0.key.value)] == nil }
        if !stored.isEmpty {
            for row in try session.query("""
                SELECT f.compared_on, f.type, f.hostname, f.details::text FROM \(scope.table("exception_finding")) f
                JOIN unnest(\(PostgresArray(stored.map(\.lastSeenDate.description)))::date[], \(PostgresArray(stored.map(\.type.rawValue)))::text[],
                            \(PostgresArray(stored.map(\.key.value)))::text[]) AS w(compared_on, type, hostname)
                  ON f.compared_on = w.compared_on AND f.type = w.type AND f.hostname = w.hostname
                """)
            {
                let key = Self.detailsKey(try row.decode(CalendarDate.self, 0), try row.decode(String.self, 1), try row.decode(String.self, 2))
                detailsText[key] = try row.decode(String.self, 3)
            }
        }
        timer.lap("  episodes: details")
        try session.query("DELETE FROM \(scope.table("exceptions"))")
        try session.copyIn("""
            COPY \(scope.table("exceptions")) (id, date_found, type, hostname, details, resolved, last_seen_date,
                                               resolved_at, resolved_by, resolution) FROM STDIN
            """) { writer in
            for episode in episodes {
                var details = detailsText[Self.detailsKey(episode.lastSeenDate, episode.type.rawValue, episode.key.value)] ?? "null"
                if let note = episode.note, case .object(var members) = try JSONParser.parse(details) {
                    members["resolutionNote"] = .string(note)
                    details = CanonicalJSONWriter.string(.object(members))
                }
                writer.appendInt(Self.episodeID(type: episode.type.rawValue, key: episode.key.value, dateFound: episode.dateFound))
                writer.appendText(episode.dateFound.description)
                writer.appendText(episode.type.rawValue)
                writer.appendText(episode.key.value)
                writer.appendText(details)
                writer.appendBool(episode.resolved)
                writer.appendText(episode.lastSeenDate.description)
                writer.appendText(episode.resolvedAt.map(PostgresTimestamp.format))
                writer.appendText(episode.resolvedBy)
                writer.appendText(episode.resolution?.rawValue)
                try writer.endRow()
            }
        }
        timer.lap("  episodes: write")
    }

    /// The finding a details text belongs to: its day, type and key.
    private static func detailsKey(_ day: CalendarDate, _ type: String, _ key: String) -> String { "\(day)|\(type)|\(key)" }

    /// The findings of every compared day before `date` within the scope's bound, decoded one
    /// day at a time (so memory stays at one day's rows): what a replay needs to fold its
    /// range's episodes as the live projection did.
    func findings(before date: CalendarDate, effective: EffectiveRunIndex) throws -> [CalendarDate: [ExceptionFinding]] {
        var result: [CalendarDate: [ExceptionFinding]] = [:]
        for day in effective.comparedDates.filter({ $0 < date }).sorted() {
            guard let ninja = effective.run(vendorID: Vendor.ninja.rawValue, date: day),
                let threatLocker = effective.run(vendorID: Vendor.threatLocker.rawValue, date: day)
            else { continue }
            let cache = RunRowCache(session: session, detail: .comparison)
            result[day] = rules.evaluateExceptions(try cache.rows(of: ninja), try cache.rows(of: threatLocker), aliases.clientName)
        }
        return result
    }

    /// A stable id per episode (type, key, date found): the same in catch-up, rebuild and replay.
    static func episodeID(type: String, key: String, dateFound: CalendarDate) -> Int {
        let digest = Array(SHA256.hash(data: Data("\(type)|\(key)|\(dateFound)".utf8)))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value & 0x0000_FFFF_FFFF_FFFF)
    }

    private func resolutions() throws -> [ExceptionHistory.Resolution<CalendarDate>] {
        var result: [ExceptionHistory.Resolution<CalendarDate>] = []
        try Ledger(session: session).forEachEvent(
            filter: LedgerFilter(eventTypes: [LedgerEventType.exceptionResolved], maxSeq: scope.maxSeq, recordedAtOrBefore: scope.knownAt)
        ) { event in
            let payload = try JSONParser.parse(event.payload)
            guard let type = payload["type"]?.stringValue.flatMap(ExceptionType.init(rawValue:)),
                let key = CanonicalKey(payload["key"]?.stringValue),
                let dateFound = payload["dateFound"]?.stringValue.flatMap({ CalendarDate($0) })
            else { return }
            result.append(.init(
                type: type, key: key, dateFound: dateFound, resolvedBy: payload["resolvedBy"]?.stringValue ?? "unknown",
                resolvedAt: event.recordedAt, note: payload["note"]?.stringValue))
        }
        return result
    }
}
