import Foundation
import InventoryJSON
import InventoryRules
import PostgresClient

extension ExceptionsProjector {
    /// Applies one new compared day that is later than every stored one to the stored episodes,
    /// exactly as `ExceptionHistory.fold` would, without reading the whole history: the
    /// episodes whose condition held on the previous compared day continue or end, the day's
    /// other findings open episodes. The nightly catch-up takes this path; anything else (a
    /// correction of an old day, a resolution, a rebuild) refolds everything.
    ///
    /// The episodes of the previous day are matched with `findings` in memory and written by
    /// id (continued, cleared) or by `COPY` (opened): a join in SQL depended on the planner
    /// knowing the sizes of tables a rebuild had just swapped in, and without statistics it
    /// compared every finding with every episode (over a second at 5,000 findings).
    /// - Parameter findings: the day's findings, as `evaluateDay` stored them.
    /// - Returns: false when `day` is not later than every other compared day.
    func advance(to day: CalendarDate, findings: [ExceptionFinding], retainFrom: CalendarDate?) throws -> Bool {
        let table = scope.table("exceptions")
        let previous = try session.query("SELECT max(compared_on) FROM \(scope.table("exception_finding")) WHERE compared_on <> \(day)")[0]
            .decode(CalendarDate?.self, 0)
        if let previous, previous > day { return false }
        let stored = try storedEpisodes(on: [previous, day].compactMap { $0 })
        let byFinding = Dictionary(stored.map { (FindingKey(type: $0.type, hostname: $0.hostname, day: $0.lastSeen), $0) }, uniquingKeysWith: { first, _ in first })

        var continued: [(id: Int64, details: String)] = []
        var opened: [ExceptionFinding] = []
        var continuedIDs = Set<Int64>()
        for finding in findings {
            let type = finding.type.rawValue
            if byFinding[FindingKey(type: type, hostname: finding.key.value, day: day)] != nil { continue }  // already applied
            if let previous, let episode = byFinding[FindingKey(type: type, hostname: finding.key.value, day: previous)],
                episode.resolution == nil || episode.resolution == "resolved"
            {
                // A resolved episode that is still found continues and keeps its note.
                var details = finding.details
                if episode.resolution == "resolved", let note = episode.resolutionNote, case .object(var members) = details {
                    members["resolutionNote"] = note
                    details = .object(members)
                }
                continued.append((episode.id, CanonicalJSONWriter.string(details)))
                continuedIDs.insert(episode.id)
            } else {
                opened.append(finding)
            }
        }
        // The open episodes of the previous day whose condition is gone end.
        let cleared = stored.filter { $0.lastSeen == previous && $0.resolution == nil && !continuedIDs.contains($0.id) }.map(\.id)

        if !continued.isEmpty {
            try session.query("""
                UPDATE \(table) e SET last_seen_date = \(day), details = c.details::jsonb
                FROM unnest(\(PostgresArray(continued.map(\.id)))::bigint[], \(PostgresArray(continued.map(\.details)))::text[]) AS c(id, details)
                WHERE e.id = c.id
                """)
        }
        if !cleared.isEmpty {
            try session.query("UPDATE \(table) SET resolved = true, resolution = 'cleared' WHERE id = ANY(\(PostgresArray(cleared))::bigint[])")
        }
        if !opened.isEmpty {
            try session.copyIn("COPY \(table) (id, date_found, type, hostname, details, resolved, last_seen_date) FROM STDIN") { writer in
                for finding in opened {
                    writer.appendInt(Self.episodeID(type: finding.type.rawValue, key: finding.key.value, dateFound: day))
                    writer.appendText(day.description)
                    writer.appendText(finding.type.rawValue)
                    writer.appendText(finding.key.value)
                    writer.appendText(CanonicalJSONWriter.string(finding.details))
                    writer.appendBool(false)
                    writer.appendText(day.description)
                    try writer.endRow()
                }
            }
        }
        if let retainFrom {
            try session.query("DELETE FROM \(table) WHERE resolved AND last_seen_date < \(retainFrom)")
        }
        return true
    }

    private struct FindingKey: Hashable {
        let type: String
        let hostname: String
        let day: CalendarDate
    }

    private struct StoredEpisode {
        let id: Int64
        let type: String
        let hostname: String
        let lastSeen: CalendarDate
        let resolution: String?
        let resolutionNote: JSONValue?
    }

    /// The episodes last seen on one of `days`, with what continuing them needs.
    private func storedEpisodes(on days: [CalendarDate]) throws -> [StoredEpisode] {
        try session.query("""
            SELECT id, type, hostname, last_seen_date, resolution, (details -> 'resolutionNote')::text
            FROM \(scope.table("exceptions")) WHERE last_seen_date = ANY(\(PostgresArray(days.map(\.description)))::date[])
            """
        ).map { row in
            StoredEpisode(
                id: Int64(try row.decode(Int.self, 0)), type: try row.decode(String.self, 1), hostname: try row.decode(String.self, 2),
                lastSeen: try row.decode(CalendarDate.self, 3), resolution: try row.decode(String?.self, 4),
                resolutionNote: try row.decode(String?.self, 5).map { try JSONParser.parse(Array($0.utf8)) })
        }
    }
}
