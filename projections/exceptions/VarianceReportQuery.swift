import Foundation
import InventoryRules
import PostgresClient

/// The variance report of one compared day (both vendors collected it, and the live tables
/// still hold it): device counts per vendor and matched, and the exception episodes that held
/// that day. The API, the dashboard and `report variance` read it.
public struct VarianceReportQuery: Sendable {
    public struct Report: Sendable, Hashable {
        public var date: CalendarDate
        public var ninjaDevices: Int
        public var threatLockerDevices: Int
        /// ThreatLocker devices that share a canonical key with a NinjaOne device that day.
        public var matched: Int
        public var episodes: [ExceptionEpisodeRow]
    }

    /// Episodes of every status instead of the open ones only.
    public var includeResolved: Bool

    public init(includeResolved: Bool = false) { self.includeResolved = includeResolved }

    /// The newest date both vendors have in `device_snapshot`.
    public static func newestComparedDate(_ session: PostgresSession) throws -> CalendarDate? {
        try session.query("""
            SELECT max(r.observed_on) FROM projection_effective_run r
            JOIN projection_effective_run t ON t.observed_on = r.observed_on AND t.vendor_id = \(Vendor.threatLocker.rawValue)
            WHERE r.vendor_id = \(Vendor.ninja.rawValue)
              AND r.observed_on >= (SELECT coalesce(min(snapshot_date), 'infinity'::date) FROM device_snapshot)
            """)[0].decode(CalendarDate?.self, 0)
    }

    /// Whether `date` is a compared day the live tables hold.
    public static func isComparedDay(_ date: CalendarDate, _ session: PostgresSession) throws -> Bool {
        try session.query("""
            SELECT count(DISTINCT vendor_id) = 2 AND \(date) >= (SELECT coalesce(min(snapshot_date), 'infinity'::date) FROM device_snapshot)
            FROM projection_effective_run WHERE observed_on = \(date) AND vendor_id IN (\(Vendor.ninja.rawValue), \(Vendor.threatLocker.rawValue))
            """)[0].decode(Bool.self, 0)
    }

    public func report(on date: CalendarDate, _ session: PostgresSession) throws -> Report {
        let counts = try session.query("""
            WITH ninja_keys AS (
                SELECT DISTINCT unnest(match_keys) AS k FROM device_snapshot WHERE snapshot_date = \(date) AND vendor_id = \(Vendor.ninja.rawValue)
            ), threatlocker_keys AS (
                SELECT id, unnest(match_keys) AS k FROM device_snapshot WHERE snapshot_date = \(date) AND vendor_id = \(Vendor.threatLocker.rawValue)
            )
            SELECT
                (SELECT count(*)::int FROM device_snapshot WHERE snapshot_date = \(date) AND vendor_id = \(Vendor.ninja.rawValue)),
                (SELECT count(*)::int FROM device_snapshot WHERE snapshot_date = \(date) AND vendor_id = \(Vendor.threatLocker.rawValue)),
                (SELECT count(DISTINCT t.id)::int FROM threatlocker_keys t JOIN ninja_keys n ON n.k = t.k)
            """)[0]
        let episodes = try ExceptionEpisodeQuery(status: includeResolved ? .all : .open, heldOn: date).rows(session)
        return Report(
            date: date, ninjaDevices: try counts.decode(Int.self, 0), threatLockerDevices: try counts.decode(Int.self, 1),
            matched: try counts.decode(Int.self, 2), episodes: episodes)
    }
}
