import Foundation
import InventoryJSON
import InventoryRules
import PostgresClient

extension ExceptionsProjector {
    /// Applies one new compared day that is later than every stored one to the stored episodes,
    /// exactly as `ExceptionHistory.fold` would, without reading the whole history: the
    /// episodes whose condition held on the previous compared day continue or end, the day's
    /// other findings (already in `exception_finding`) open episodes. Set-based, a handful of
    /// statements whatever the number of findings. The nightly catch-up takes this path;
    /// anything else (a correction of an old day, a resolution, a rebuild) refolds everything.
    /// - Returns: false when `day` is not later than every other compared day.
    func advance(to day: CalendarDate, retainFrom: CalendarDate?) throws -> Bool {
        let findings = scope.table("exception_finding")
        let table = scope.table("exceptions")
        let previous = try session.query("SELECT max(compared_on) FROM \(findings) WHERE compared_on <> \(day)")[0]
            .decode(CalendarDate?.self, 0)
        if let previous, previous > day { return false }
        if let previous {
            // Continue the episodes found again; a resolved one keeps its note.
            try session.query("""
                UPDATE \(table) e
                SET last_seen_date = \(day),
                    details = CASE WHEN e.resolution = 'resolved' AND e.details ? 'resolutionNote' AND jsonb_typeof(f.details) = 'object'
                                   THEN f.details || jsonb_build_object('resolutionNote', e.details -> 'resolutionNote')
                                   ELSE f.details END
                FROM \(findings) f
                WHERE f.compared_on = \(day) AND e.type = f.type AND e.hostname = f.hostname
                  AND e.last_seen_date = \(previous) AND (e.resolution IS NULL OR e.resolution = 'resolved')
                """)
            // End the open ones whose condition is gone.
            try session.query("""
                UPDATE \(table) SET resolved = true, resolution = 'cleared'
                WHERE last_seen_date = \(previous) AND resolution IS NULL
                """)
        }
        // Open the rest; ids as `episodeID(type:key:dateFound:)` computes them.
        try session.query("""
            INSERT INTO \(table) (id, date_found, type, hostname, details, resolved, last_seen_date)
            SELECT ('x' || substr(encode(sha256(convert_to(f.type || '|' || f.hostname || '|' || \(day.description), 'UTF8')), 'hex'), 1, 16))::bit(64)::bigint
                       & x'0000FFFFFFFFFFFF'::bigint,
                   \(day), f.type, f.hostname, f.details, false, \(day)
            FROM \(findings) f
            WHERE f.compared_on = \(day)
              AND NOT EXISTS (SELECT 1 FROM \(table) e WHERE e.type = f.type AND e.hostname = f.hostname AND e.last_seen_date = \(day))
            """)
        if let retainFrom {
            try session.query("DELETE FROM \(table) WHERE resolved AND last_seen_date < \(retainFrom)")
        }
        return true
    }
}
