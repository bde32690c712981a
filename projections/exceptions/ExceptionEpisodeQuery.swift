import Foundation
import InventoryRules
import PostgresClient

/// One exception episode as the `exceptions` read model holds it.
public struct ExceptionEpisodeRow: Sendable, Hashable {
    public var id: Int
    public var type: String
    /// The canonical key the episode is about.
    public var hostname: String
    public var dateFound: CalendarDate
    public var lastSeenDate: CalendarDate
    public var resolved: Bool
    /// `resolved` (a technician's ledger event) or `cleared` (the condition went away); nil while open.
    public var resolution: String?
    public var resolvedBy: String?
    public var resolvedAt: Date?
    /// The client of the first NinjaOne device of the newest day, else of the first ThreatLocker one.
    public var client: String?
    /// `details` as JSON text (the devices of the newest day).
    public var details: String?

    public var status: ExceptionEpisodeQuery.Status {
        switch resolution {
        case "resolved": return .resolved
        case "cleared": return .cleared
        default: return .open
        }
    }

    /// The columns, in the order `init(row:)` reads them.
    static let selectList: PostgresQuery = """
        e.id, e.type::text, e.hostname::text, e.date_found, e.last_seen_date, e.resolved, e.resolution::text, e.resolved_by::text,
        e.resolved_at, coalesce(e.details->'ninja'->0->>'client', e.details->'threatLocker'->0->>'client'), e.details::text
        """

    init(row: PostgresRow) throws {
        id = try row.decode(Int.self, 0)
        type = try row.decode(String.self, 1)
        hostname = try row.decode(String.self, 2)
        dateFound = try row.decode(CalendarDate.self, 3)
        lastSeenDate = try row.decode(CalendarDate.self, 4)
        resolved = try row.decode(Bool.self, 5)
        resolution = try row.decode(String?.self, 6)
        resolvedBy = try row.decode(String?.self, 7)
        resolvedAt = try row.decode(Date?.self, 8)
        client = try row.decode(String?.self, 9)
        details = try row.decode(String?.self, 10)
    }
}

/// The reads of the `exceptions` read model: the work queue with its filters, one episode, and
/// the episodes that held on a date. The CLI, the API and the dashboard all read through it.
public struct ExceptionEpisodeQuery: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        case open, resolved, cleared, all
    }

    public var type: ExceptionType?
    public var status: Status = .all
    /// Only episodes that held on this date.
    public var heldOn: CalendarDate?
    /// Only episodes with a device of this client (canonical client name, case-insensitive).
    public var client: String?
    /// Only episodes whose key starts with this text, or whose devices' hostname or display
    /// name contains it (case-insensitive).
    public var hostname: String?
    public var limit: Int?
    public var offset = 0

    public init(
        type: ExceptionType? = nil, status: Status = .all, heldOn: CalendarDate? = nil, client: String? = nil, hostname: String? = nil,
        limit: Int? = nil, offset: Int = 0
    ) {
        self.type = type
        self.status = status
        self.heldOn = heldOn
        self.client = client
        self.hostname = hostname
        self.limit = limit
        self.offset = offset
    }

    var conditions: PostgresQuery {
        var query: PostgresQuery = "true"
        if let type { query.and("e.type = \(type.rawValue)") }
        switch status {
        case .open: query.and("e.resolution IS NULL")
        case .resolved: query.and("e.resolution = 'resolved'")
        case .cleared: query.and("e.resolution = 'cleared'")
        case .all: break
        }
        if let heldOn { query.and("e.date_found <= \(heldOn) AND e.last_seen_date >= \(heldOn)") }
        if let client {
            query.and("""
                EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(e.details->'ninja', '[]') || coalesce(e.details->'threatLocker', '[]')) d
                        WHERE lower(trim(d->>'client')) = lower(trim(\(client))))
                """)
        }
        if let hostname {
            let pattern = "%" + Self.escapeLike(hostname.lowercased()) + "%"
            query.and("""
                (e.hostname ILIKE \(pattern) OR EXISTS (
                    SELECT 1 FROM jsonb_array_elements(coalesce(e.details->'ninja', '[]') || coalesce(e.details->'threatLocker', '[]')) d
                    WHERE d->>'hostname' ILIKE \(pattern) OR d->>'displayName' ILIKE \(pattern)))
                """)
        }
        return query
    }

    /// `%`, `_` and `\` match themselves in a LIKE pattern built from user text.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// Newest first: date found, then type and key.
    public func rows(_ session: PostgresSession) throws -> [ExceptionEpisodeRow] {
        var query: PostgresQuery = "SELECT \(ExceptionEpisodeRow.selectList) FROM exceptions e WHERE \(conditions)"
        query.append(" ORDER BY e.date_found DESC, e.type, e.hostname, e.id")
        if let limit { query.append(" LIMIT \(limit)") }
        if offset > 0 { query.append(" OFFSET \(offset)") }
        return try session.query(query).map(ExceptionEpisodeRow.init(row:))
    }

    public func count(_ session: PostgresSession) throws -> Int {
        try session.query("SELECT count(*)::int FROM exceptions e WHERE \(conditions)")[0].decode(Int.self, 0)
    }

    public static func episode(id: Int, _ session: PostgresSession) throws -> ExceptionEpisodeRow? {
        try session.query("SELECT \(ExceptionEpisodeRow.selectList) FROM exceptions e WHERE e.id = \(id)").first.map(ExceptionEpisodeRow.init(row:))
    }

    public static func episodes(ids: [Int], _ session: PostgresSession) throws -> [ExceptionEpisodeRow] {
        try session.query("""
            SELECT \(ExceptionEpisodeRow.selectList) FROM exceptions e WHERE e.id = ANY(\(PostgresArray(ids.map(Int64.init)))::bigint[]) ORDER BY e.id
            """).map(ExceptionEpisodeRow.init(row:))
    }

    /// Open episodes per type.
    public static func openCounts(_ session: PostgresSession) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try session.query("SELECT type::text, count(*)::int FROM exceptions WHERE resolution IS NULL GROUP BY type") {
            counts[try row.decode(String.self, 0)] = try row.decode(Int.self, 1)
        }
        return counts
    }

    /// The days an episode's condition held: the compared days between its first and last day
    /// on which `exception_finding` has its (type, key).
    public static func daysHeld(_ episode: ExceptionEpisodeRow, _ session: PostgresSession) throws -> [CalendarDate] {
        try session.query("""
            SELECT compared_on FROM exception_finding
            WHERE type = \(episode.type) AND hostname = \(episode.hostname)
              AND compared_on BETWEEN \(episode.dateFound) AND \(episode.lastSeenDate)
            ORDER BY compared_on
            """).map { try $0.decode(CalendarDate.self, 0) }
    }
}
