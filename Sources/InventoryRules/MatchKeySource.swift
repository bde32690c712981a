import InventoryJSON

/// Which field of a device gave each of its match keys, so a device page can say why two
/// devices of different vendors are taken as one ("NinjaOne's dnsName matches ThreatLocker's
/// hostname"). The same fields as the mappings' `matchKeys`.
public enum MatchKeySource {
    public struct Source: Sendable, Hashable {
        public let field: String
        public let key: CanonicalKey
    }

    /// NinjaOne: hostname (`systemName`, else the first label of `dnsName`), `systemName`,
    /// `dnsName`, `displayName`.
    public static func ninjaOne(payload: JSONValue) -> [Source] {
        guard let device = payload["device"] else { return [] }
        return sources([
            ("hostname", VendorDeviceKey.ninjaOneHostname(device)), ("systemName", device["systemName"].nonBlankText),
            ("dnsName", device["dnsName"].nonBlankText), ("displayName", device["displayName"].nonBlankText),
        ])
    }

    /// ThreatLocker: `hostname`, `computerName`.
    public static func threatLocker(payload: JSONValue) -> [Source] {
        guard let computer = payload["computer"] else { return [] }
        return sources([("hostname", computer["hostname"].nonBlankText), ("computerName", computer["computerName"].nonBlankText)])
    }

    static func sources(_ fields: [(String, String?)]) -> [Source] {
        fields.compactMap { field, value in CanonicalKey(value).map { Source(field: field, key: $0) } }
    }

    /// The first pair of fields, in field order, whose keys are equal: nil when none is.
    public static func explain(_ device: [Source], _ other: [Source]) -> (field: String, otherField: String, key: CanonicalKey)? {
        for source in device {
            if let match = other.first(where: { $0.key == source.key }) { return (source.field, match.field, source.key) }
        }
        return nil
    }
}
