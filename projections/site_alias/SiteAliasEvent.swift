import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient

/// A change of a site's canonical client name, as the ledger records it: `site_alias_set`
/// (vendor, site key, canonical name, actor, note) or `site_alias_removed`. The subject is the
/// vendor site key and `vendor_id` the vendor, so a site's history is one indexed read.
public struct SiteAliasEvent: Sendable, Hashable {
    public static let setType = "site_alias_set"
    public static let removedType = "site_alias_removed"
    public static let types = [setType, removedType]

    public var seq: Int64 = 0
    public var vendor: Vendor
    public var siteKey: String
    /// Nil for a removal.
    public var canonicalName: String?
    public var actor: String
    public var note: String?
    public var recordedAt: Date?

    public init(vendor: Vendor, siteKey: String, canonicalName: String?, actor: String, note: String?) {
        self.vendor = vendor
        self.siteKey = siteKey
        self.canonicalName = canonicalName
        self.actor = actor
        self.note = note
    }

    var draft: LedgerEventDraft {
        var payload: [String: JSONValue] = [
            "vendor": .string(vendor == .ninja ? "ninja" : "threatlocker"), "siteKey": .string(siteKey), "actor": .string(actor), "note": JSONValue(note),
        ]
        if let canonicalName { payload["canonicalName"] = .string(canonicalName) }
        return LedgerEventDraft(
            eventType: canonicalName == nil ? Self.removedType : Self.setType, vendorID: vendor.rawValue, observedOn: nil, subject: siteKey,
            payload: CanonicalJSONWriter.bytes(.object(payload)))
    }

    /// Nil for an event that is not an alias event or whose payload lacks what it needs.
    init?(_ event: LedgerEvent) {
        guard Self.types.contains(event.eventType), let vendorID = event.vendorID, let vendor = Vendor(rawValue: vendorID),
            let payload = try? JSONParser.parse(event.payload), let siteKey = payload["siteKey"]?.stringValue
        else { return nil }
        let name = payload["canonicalName"]?.stringValue
        if event.eventType == Self.setType, name == nil { return nil }
        self.init(vendor: vendor, siteKey: siteKey, canonicalName: event.eventType == Self.setType ? name : nil,
                  actor: payload["actor"]?.stringValue ?? "unknown", note: payload["note"]?.stringValue)
        seq = event.seq
        recordedAt = event.recordedAt
    }

    /// Every alias event within the bound, in seq order.
    static func load(_ session: PostgresSession, maxSeq: Int64?, knownAt: Date?, after seq: Int64 = 0) throws -> [SiteAliasEvent] {
        var events: [SiteAliasEvent] = []
        try Ledger(session: session).forEachEvent(
            after: seq, filter: LedgerFilter(eventTypes: types, maxSeq: maxSeq, recordedAtOrBefore: knownAt)
        ) { event in
            if let alias = SiteAliasEvent(event) { events.append(alias) }
        }
        return events
    }
}

/// The aliases in force at a point of the ledger: the canonical client name of each vendor site
/// that has one. The exceptions projection compares clients through it, so a replay as of
/// `--known-at` uses the aliases recorded by then and a rebuild the ones in force at its head.
struct SiteAliases: Sendable {
    private(set) var names: [String: String] = [:]

    static func key(_ vendor: Int, _ siteKey: String) -> String { "\(vendor)|\(siteKey)" }

    static func load(session: PostgresSession, scope: ProjectionScope) throws -> SiteAliases {
        var aliases = SiteAliases()
        for event in try SiteAliasEvent.load(session, maxSeq: scope.maxSeq, knownAt: scope.knownAt) { aliases.apply(event) }
        return aliases
    }

    mutating func apply(_ event: SiteAliasEvent) {
        names[Self.key(event.vendor.rawValue, event.siteKey)] = event.canonicalName
    }

    /// The row's client as exceptions show it (the alias's canonical name, else the site name, in
    /// its own case); the rules compare clients in `SiteNaming.comparisonForm`.
    func clientName(_ row: DeviceSnapshotRow) -> String {
        SiteNaming.clientName(alias: names[Self.key(row.vendor.rawValue, row.siteKey ?? "")], siteName: row.siteName)
    }
}
