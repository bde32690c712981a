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
    func startEvaluating(_ date: CalendarDate, effective: EffectiveRunIndex) -> BackgroundWork<[ExceptionFinding]>? {
        guard let ninja = effective.run(vendorID: Vendor.ninja.rawValue, date: date).flatMap(rows.cachedRows(of:)),
            let threatLocker = effective.run(vendorID: Vendor.threatLocker.rawValue, date: date).flatMap(rows.cachedRows(of:))
        else { return nil }
        let rules = rules, aliases = aliases
        return BackgroundWork { rules.evaluateExceptions(ninja, threatLocker, aliases.clientName) }
    }

    /// - Parameters:
    ///   - rowsReady: called once the day's rows are at hand, before the rules run (to start
    ///     mapping the next day's).
    ///   - started: the day's rules, already running (`startEvaluating`).
    /// - Returns: the day's findings, nil when it is not a compared day (one vendor only).
    @discardableResult
    func evaluateDay(
        _ date: CalendarDate, effective: EffectiveRunIndex, started: BackgroundWork<[ExceptionFinding]>? = nil,
        rowsReady: () throws -> Void = {}
    ) throws -> [ExceptionFinding]? {
        try session.query("DELETE FROM \(scope.table("exception_finding")) WHERE compared_on = \(date)")
        guard let ninja = effective.run(vendorID: Vendor.ninja.rawValue, date: date),
            let threatLocker = effective.run(vendorID: Vendor.threatLocker.rawValue, date: date)
        else { return nil }
        let findings: [ExceptionFinding]
        if let started {
            try rowsReady()
            findings = try started.wait()
        } else {
            let ninjaRows = try rows.rows(of: ninja), threatLockerRows = try rows.rows(of: threatLocker)
            try rowsReady()
            findings = rules.evaluateExceptions(ninjaRows, threatLockerRows, aliases.clientName)
        }
        guard !findings.isEmpty else { return findings }
        try session.copyIn("COPY \(scope.table("exception_finding")) (compared_on, type, hostname, details) FROM STDIN") { writer in
            for finding in findings {
                writer.appendText(date.description)
                writer.appendText(finding.type.rawValue)
                writer.appendText(finding.key.value)
                writer.appendText(CanonicalJSONWriter.string(finding.details))
                try writer.endRow()
            }
        }
        return findings
    }

    /// Rewrites `exceptions` from every stored finding and every resolution in scope. Closed
    /// episodes that ended before `retainFrom` are left out; open ones are always kept.
    /// - Parameters:
    ///   - earlierDays: findings of compared days the scope does not store (a replay's days
    ///     before its range), folded in so episodes keep the `date_found` the live table has.
    ///   - overlapping: keep only the episodes that held on some day of this range.
    func refold(retainFrom: CalendarDate?, earlierDays: [CalendarDate: [ExceptionFinding]] = [:], overlapping: ClosedRange<CalendarDate>? = nil) throws {
        // Details stay text: only the newest day of each episode is written, and only a resolved
        // episode's details are parsed (to add its note); parsing every finding of the whole
        // history on each catch-up was most of its time.
        var days: [CalendarDate: [ExceptionFinding]] = [:]
        var detailsText: [String: String] = [:]
        for row in try session.query("SELECT compared_on, type, hostname, details::text FROM \(scope.table("exception_finding"))") {
            guard let type = ExceptionType(rawValue: try row.decode(String.self, 1)),
                let key = CanonicalKey(try row.decode(String.self, 2))
            else { continue }
            let day = try row.decode(CalendarDate.self, 0)
            detailsText["\(day)|\(type.rawValue)|\(key.value)"] = try row.decode(String.self, 3)
            days[day, default: []].append(ExceptionFinding(type: type, key: key, details: .null))
        }
        for (day, findings) in earlierDays where days[day] == nil {
            days[day] = findings.map { ExceptionFinding(type: $0.type, key: $0.key, details: .null) }
            for finding in findings { detailsText["\(day)|\(finding.type.rawValue)|\(finding.key.value)"] = CanonicalJSONWriter.string(finding.details) }
        }
        let episodes = ExceptionHistory.fold(days: days.map { (day: $0.key, findings: $0.value) }, resolutions: try resolutions())
        try session.query("DELETE FROM \(scope.table("exceptions"))")
        try session.copyIn("""
            COPY \(scope.table("exceptions")) (id, date_found, type, hostname, details, resolved, last_seen_date,
                                               resolved_at, resolved_by, resolution) FROM STDIN
            """) { writer in
            for episode in episodes {
                if let retainFrom, episode.resolved, episode.lastSeenDate < retainFrom { continue }
                if let overlapping, episode.lastSeenDate < overlapping.lowerBound || episode.dateFound > overlapping.upperBound { continue }
                var details = detailsText["\(episode.lastSeenDate)|\(episode.type.rawValue)|\(episode.key.value)"] ?? "null"
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
    }

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
