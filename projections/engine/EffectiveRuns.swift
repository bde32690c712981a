import Foundation
import PostgresClient

/// "The day" of a vendor: its latest completed run for a snapshot date, within the scope's
/// bound. Found from the ledger's `collection_completed` events (one per run, indexed).
public struct EffectiveRun: Sendable, Hashable {
    public let vendorID: Int
    public let date: CalendarDate
    public let runID: UUID
    public let completedSeq: Int64
    /// When the run was appended: `device_snapshot.created_at` of its rows.
    public let recordedAt: Date
}

public struct EffectiveRunIndex: Sendable {
    /// Per vendor, its effective runs by date.
    private(set) var byVendor: [Int: [CalendarDate: EffectiveRun]] = [:]

    /// All effective runs within `scope` (optionally only up to `maxSeq`).
    static func load(session: PostgresSession, scope: ProjectionScope, maxSeq: Int64? = nil) throws -> EffectiveRunIndex {
        var bounded = scope
        if let maxSeq { bounded.maxSeq = min(scope.maxSeq, maxSeq) }
        let rows = try session.query("""
            SELECT DISTINCT ON (e.vendor_id, e.observed_on) e.vendor_id, e.observed_on, e.run_id, e.seq, e.recorded_at
            FROM ledger_event e
            WHERE e.event_type = 'collection_completed' AND e.vendor_id IS NOT NULL AND e.observed_on IS NOT NULL
              AND \(bounded.ledgerBound())
            ORDER BY e.vendor_id, e.observed_on, e.seq DESC
            """)
        var index = EffectiveRunIndex()
        for row in rows {
            let run = EffectiveRun(
                vendorID: try row.decode(Int.self, 0), date: try row.decode(CalendarDate.self, 1),
                runID: try row.decode(UUID.self, 2), completedSeq: Int64(try row.decode(Int.self, 3)),
                recordedAt: try row.decode(Date.self, 4))
            index.byVendor[run.vendorID, default: [:]][run.date] = run
        }
        return index
    }

    public func run(vendorID: Int, date: CalendarDate) -> EffectiveRun? { byVendor[vendorID]?[date] }

    public func dates(vendorID: Int) -> [CalendarDate] { (byVendor[vendorID] ?? [:]).keys.sorted() }

    public func previousDate(vendorID: Int, before date: CalendarDate) -> CalendarDate? {
        (byVendor[vendorID] ?? [:]).keys.filter { $0 < date }.max()
    }

    public func nextDate(vendorID: Int, after date: CalendarDate) -> CalendarDate? {
        (byVendor[vendorID] ?? [:]).keys.filter { $0 > date }.min()
    }

    /// The newest snapshot date of any vendor (retention is relative to it).
    public var newestDate: CalendarDate? { byVendor.values.flatMap(\.keys).max() }

    /// The dates on which both vendors have an effective run.
    var comparedDates: Set<CalendarDate> {
        let ninja = Set(byVendor[3]?.keys.map { $0 } ?? [])
        return ninja.intersection(byVendor[4]?.keys.map { $0 } ?? [])
    }

    /// The last snapshot date of `vendorID` in the month of `date`.
    public func lastDateOfMonth(vendorID: Int, containing date: CalendarDate) -> CalendarDate? {
        (byVendor[vendorID] ?? [:]).keys.filter { $0.year == date.year && $0.month == date.month }.max()
    }
}
