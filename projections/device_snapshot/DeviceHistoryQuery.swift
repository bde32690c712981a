import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient

/// One device of one vendor: its snapshot on a day with every column, its history from the
/// ledger (every day it was observed, what changed from one observed day to the next), and the
/// other vendor's device it matches with the fields whose keys agree. The device page of the
/// API and the dashboard.
public struct DeviceHistoryQuery: Sendable, Hashable {
    public struct Change: Sendable, Hashable {
        public var field: String
        public var from: String?
        public var to: String?
    }

    public struct ObservedDay: Sendable, Hashable {
        public var date: CalendarDate
        public var seq: Int64
        /// Against the previous observed day (empty on the first).
        public var changes: [Change]
    }

    public struct Match: Sendable, Hashable {
        public var vendor: Vendor
        public var vendorDeviceKey: String
        public var hostname: String?
        public var displayName: String?
        public var client: String
        /// The field of this device and of the other whose canonical keys are equal.
        public var field: String?
        public var otherField: String?
        public var key: String?
    }

    public struct Result: Sendable, Hashable {
        public var vendor: Vendor
        public var vendorDeviceKey: String
        public var identityID: Int?
        public var firstSeen: CalendarDate?
        public var lastSeen: CalendarDate?
        public var date: CalendarDate?
        /// Every `device_snapshot` column of that day as a JSON object text (nil when the live
        /// tables hold no day of it).
        public var snapshot: String?
        public var client: String?
        public var history: [ObservedDay]
        public var matches: [Match]
    }

    public var vendor: Vendor
    public var vendorDeviceKey: String
    public var date: CalendarDate?

    public init(vendor: Vendor, vendorDeviceKey: String, date: CalendarDate? = nil) {
        self.vendor = vendor
        self.vendorDeviceKey = vendorDeviceKey
        self.date = date
    }

    /// Nil when neither the read models nor the ledger know the device.
    public func read(_ session: PostgresSession) throws -> Result? {
        let identity = try session.query("""
            SELECT id, first_seen_date, last_seen_date FROM device_identity WHERE vendor_id = \(vendor.rawValue) AND vendor_device_key = \(vendorDeviceKey)
            """).first
        let history = try self.history(session)
        if identity == nil, history.isEmpty { return nil }
        var result = Result(
            vendor: vendor, vendorDeviceKey: vendorDeviceKey, identityID: try identity?.decode(Int.self, 0),
            firstSeen: try identity?.decode(CalendarDate.self, 1), lastSeen: try identity?.decode(CalendarDate.self, 2),
            history: history.map(\.day), matches: [])
        guard let identityID = result.identityID else { return result }
        var snapshotQuery: PostgresQuery = """
            SELECT d.snapshot_date, d.id, to_jsonb(d)::text, coalesce(a.canonical_name, s.name)::text, d.match_keys
            FROM device_snapshot d JOIN site s ON s.id = d.site_id
            LEFT JOIN site_alias a ON a.vendor_id = s.vendor_id AND a.vendor_site_key = s.vendor_site_key
            WHERE d.device_identity_id = \(identityID)
            """
        if let date { snapshotQuery.and("d.snapshot_date = \(date)") }
        snapshotQuery.append(" ORDER BY d.snapshot_date DESC LIMIT 1")
        guard let snapshot = try session.query(snapshotQuery).first else { return result }
        let day = try snapshot.decode(CalendarDate.self, 0)
        result.date = day
        result.snapshot = try snapshot.decode(String.self, 2)
        result.client = try snapshot.decode(String.self, 3)
        let ownPayload = try Self.payload(seq: Int64(try snapshot.decode(Int.self, 1)), session)
        let ownSources = ownPayload.map { vendor == .ninja ? MatchKeySource.ninjaOne(payload: $0) : MatchKeySource.threatLocker(payload: $0) } ?? []
        let other: Vendor = vendor == .ninja ? .threatLocker : .ninja
        for row in try session.query("""
            SELECT o.id, i.vendor_device_key::text, o.hostname::text, o.display_name::text, coalesce(a.canonical_name, s.name)::text
            FROM device_snapshot o JOIN device_identity i ON i.id = o.device_identity_id JOIN site s ON s.id = o.site_id
            LEFT JOIN site_alias a ON a.vendor_id = s.vendor_id AND a.vendor_site_key = s.vendor_site_key
            WHERE o.snapshot_date = \(day) AND o.vendor_id = \(other.rawValue)
              AND o.match_keys && (SELECT match_keys FROM device_snapshot WHERE id = \(try snapshot.decode(Int.self, 1)) AND snapshot_date = \(day))
            ORDER BY i.vendor_device_key LIMIT 20
            """)
        {
            let otherPayload = try Self.payload(seq: Int64(try row.decode(Int.self, 0)), session)
            let otherSources = otherPayload.map { other == .ninja ? MatchKeySource.ninjaOne(payload: $0) : MatchKeySource.threatLocker(payload: $0) } ?? []
            let explanation = MatchKeySource.explain(ownSources, otherSources)
            result.matches.append(Match(
                vendor: other, vendorDeviceKey: try row.decode(String.self, 1), hostname: try row.decode(String?.self, 2),
                displayName: try row.decode(String?.self, 3), client: try row.decode(String.self, 4), field: explanation?.field,
                otherField: explanation?.otherField, key: explanation?.key.value))
        }
        return result
    }

    /// The decoded payload of the event `seq` (a `device_snapshot.id`).
    static func payload(seq: Int64, _ session: PostgresSession) throws -> JSONValue? {
        var payload: JSONValue?
        try Ledger(session: session).forEachEvent(after: seq - 1, filter: LedgerFilter(eventTypes: [LedgerEventType.deviceObserved], maxSeq: seq)) { event in
            payload = try? JSONParser.parse(event.payload)
        }
        return payload
    }

    /// The fields compared from one observed day to the next.
    static let trackedFields: [(String, @Sendable (DeviceSnapshotRow) -> String?)] = [
        ("site", { $0.siteName ?? $0.siteKey }), ("billing_status", { $0.billingStatus.rawValue }), ("device_type", { $0.deviceType.rawValue }),
        ("hostname", { $0.hostname }), ("os_name", { $0.osName }), ("display_name", { $0.displayName }),
    ]

    /// The device's events in the effective run of each day it was observed, oldest first,
    /// mapped with the projection's mapping, and the changes between consecutive days.
    func history(_ session: PostgresSession) throws -> [(day: ObservedDay, row: DeviceSnapshotRow)] {
        let effective = Set(try session.query("""
            SELECT e.seq FROM ledger_event e
            WHERE e.event_type = 'device_observed' AND e.vendor_id = \(vendor.rawValue) AND e.subject = \(vendorDeviceKey)
              AND e.run_id = (SELECT c.run_id FROM ledger_event c
                              WHERE c.event_type = 'collection_completed' AND c.vendor_id = e.vendor_id AND c.observed_on = e.observed_on
                              ORDER BY c.seq DESC LIMIT 1)
            """).map { Int64(try $0.decode(Int.self, 0)) })
        var observed: [(date: CalendarDate, seq: Int64, row: DeviceSnapshotRow)] = []
        try Ledger(session: session).forEachEvent(filter: LedgerFilter(
            eventTypes: [LedgerEventType.deviceObserved], vendorID: vendor.rawValue, subject: vendorDeviceKey)
        ) { event in
            guard effective.contains(event.seq), let date = event.observedOn, let row = try? vendor.row(fromPayload: event.payload) else { return }
            observed.append((date, event.seq, row))
        }
        observed.sort { $0.date < $1.date }
        var days: [(day: ObservedDay, row: DeviceSnapshotRow)] = []
        for (index, entry) in observed.enumerated() {
            var changes: [Change] = []
            if index > 0 {
                let previous = observed[index - 1].row
                for (field, value) in Self.trackedFields where value(previous) != value(entry.row) {
                    changes.append(Change(field: field, from: value(previous), to: value(entry.row)))
                }
            }
            days.append((ObservedDay(date: entry.date, seq: entry.seq, changes: changes), entry.row))
        }
        return days
    }
}
