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
    /// - Returns: false when `day` is not later than every other compared day.
    func advance(to day: CalendarDate, findings: [ExceptionFinding], retainFrom: CalendarDate?) throws -> Bool {
        let findingTable = scope.table("exception_finding")
        let table = scope.table("exceptions")
        let previous = try session.query("SELECT max(compared_on) FROM \(unescaped: findingTable) WHERE compared_on <> \(day)")[0]
            .decode(CalendarDate?.self, 0)
        if let previous, previous > day { return false }
        var active: [String: (id: Int, resolution: String?, details: String)] = [:]
        if let previous {
            for row in try session.query("""
                SELECT type, hostname, id, resolution, details::text FROM \(unescaped: table)
                WHERE last_seen_date = \(previous) AND (resolution IS NULL OR resolution = 'resolved')
                """)
            {
                active["\(try row.decode(String.self, 0))|\(try row.decode(String.self, 1))"] =
                    (try row.decode(Int.self, 2), try row.decode(String?.self, 3), try row.decode(String.self, 4))
            }
        }
        var present = Set<String>()
        for finding in findings {
            let condition = "\(finding.type.rawValue)|\(finding.key.value)"
            present.insert(condition)
            var details = finding.details
            if let episode = active[condition] {
                if episode.resolution == "resolved", let note = try JSONParser.parse(episode.details)["resolutionNote"],
                    case .object(var members) = details
                {
                    members["resolutionNote"] = note
                    details = .object(members)
                }
                try session.query("""
                    UPDATE \(unescaped: table) SET last_seen_date = \(day), details = \(PostgresJSON(CanonicalJSONWriter.string(details)))::jsonb
                    WHERE id = \(episode.id)
                    """)
            } else {
                try session.query("""
                    INSERT INTO \(unescaped: table) (id, date_found, type, hostname, details, resolved, last_seen_date)
                    VALUES (\(Self.episodeID(type: finding.type.rawValue, key: finding.key.value, dateFound: day)), \(day),
                            \(finding.type.rawValue), \(finding.key.value), \(PostgresJSON(CanonicalJSONWriter.string(details)))::jsonb, false, \(day))
                    """)
            }
        }
        let ended = active.filter { !present.contains($0.key) && $0.value.resolution == nil }.map { Int64($0.value.id) }
        if !ended.isEmpty {
            try session.query("""
                UPDATE \(unescaped: table) SET resolved = true, resolution = 'cleared'
                WHERE id = ANY(\(PostgresBigintArray(ended))::bigint[])
                """)
        }
        if let retainFrom {
            try session.query("DELETE FROM \(unescaped: table) WHERE resolved AND last_seen_date < \(retainFrom)")
        }
        return true
    }
}

/// A `bigint[]` parameter.
struct PostgresBigintArray: PostgresEncodable {
    let values: [Int64]
    init(_ values: [Int64]) { self.values = values }
    var postgresValue: PostgresValue { .text("{" + values.map(String.init).joined(separator: ",") + "}") }
}
