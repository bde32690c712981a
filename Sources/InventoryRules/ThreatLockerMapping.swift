import Foundation
import InventoryJSON

/// Maps a ThreatLocker `device_observed` payload — `{"computer": <raw item>}` — to a snapshot
/// row, following the table of DESIGN §6.
public enum ThreatLockerMapping {
    /// Every member of a payload that `row(from:)` reads (see `NinjaOneMapping.payloadFields`).
    public static let payloadFields = JSONSelection.paths([
        "isDeleted", "computerId", "computerName", "hostname", "operatingSystem", "organizationId", "organizationName", "group", "mode",
        "denyCountOneDay", "denyCountThreeDays", "denyCountSevenDays", "lastCheckin", "installDate", "isLockedOut", "isIsolated",
        "threatLockerVersion", "hasAtLeastOneCheckin",
    ].map { ["computer", $0] })

    /// The members `row(from:detail: .comparison)` reads.
    public static let comparisonFields = JSONSelection.paths(
        ["isDeleted", "computerId", "computerName", "hostname", "operatingSystem", "organizationId", "organizationName"].map { ["computer", $0] })

    /// The row of a stored payload, parsing only `payloadFields` (or `comparisonFields`).
    public static func row(fromPayload bytes: some Collection<UInt8>, detail: RowDetail = .full) throws(JSONParseError) -> DeviceSnapshotRow? {
        row(from: try JSONParser.parse(bytes, selecting: detail == .full ? payloadFields : comparisonFields), detail: detail)
    }

    /// The row for one observed computer, or nil when it is not projected: a deleted computer
    /// (`isDeleted` = true, kept in the ledger only) or a payload without a `computer` object
    /// or a `computerId` (without it the device has no identity to track).
    ///
    /// The hostname is `hostname`, or when that is missing the part of `computerName` before
    /// `|` (ThreatLocker names computers `HOST | note`). Billing is `unknown`: ThreatLocker
    /// gives no basis for it.
    public static func row(from payload: JSONValue, detail: RowDetail = .full) -> DeviceSnapshotRow? {
        guard let computer = payload["computer"], computer.objectValue != nil else { return nil }
        if computer["isDeleted"].boolValue == true { return nil }
        guard let computerId = VendorDeviceKey.threatLocker(computer) else { return nil }

        let computerName = computer["computerName"].nonBlankText
        let hostname = computer["hostname"].nonBlankText ?? hostPart(of: computerName)
        let operatingSystem = computer["operatingSystem"].nonBlankText

        var row = DeviceSnapshotRow(
            vendor: .threatLocker,
            vendorDeviceKey: computerId,
            deviceType: DeviceType(threatLockerOperatingSystem: operatingSystem),
            billingStatus: .unknown
        )
        row.hostname = hostname
        row.displayName = computerName
        row.matchKeys = Set([hostname, computerName].compactMap(CanonicalKey.init))
        row.osName = operatingSystem
        row.siteKey = computer["organizationId"].nonBlankText
        row.siteName = computer["organizationName"].nonBlankText
        row.organizationName = row.siteName
        row.organizationId = row.siteKey
        guard detail == .full else { return row }
        row.computerGroup = computer["group"].nonBlankText
        row.securityMode = computer["mode"].nonBlankText
        row.denyCount1d = computer["denyCountOneDay"].intValue
        row.denyCount3d = computer["denyCountThreeDays"].intValue
        row.denyCount7d = computer["denyCountSevenDays"].intValue
        row.lastOnline = VendorTimestamp.iso8601(computer["lastCheckin"].nonBlankText)
        row.installDate = VendorTimestamp.iso8601(computer["installDate"].nonBlankText)
        row.isLockedOut = computer["isLockedOut"].boolValue
        row.isIsolated = computer["isIsolated"].boolValue
        row.agentVersion = computer["threatLockerVersion"].nonBlankText
        row.hasCheckedIn = computer["hasAtLeastOneCheckin"].boolValue
        return row
    }

    /// `RECEPTION-01 | Front desk` → `RECEPTION-01`.
    static func hostPart(of computerName: String?) -> String? {
        guard let computerName else { return nil }
        let host = computerName.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = host.trimmedWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
