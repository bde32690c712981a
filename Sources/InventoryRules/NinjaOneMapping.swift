import Foundation
import InventoryJSON

/// Maps a NinjaOne `device_observed` payload — `{"device", "organization", "location",
/// "customFields"}` — to a snapshot row, following the table of DESIGN §6. Pure, so a mapping
/// fix can be replayed over the whole ledger.
public enum NinjaOneMapping {
    /// Every member of a payload that `row(from:)` reads, directly or through the helpers it
    /// calls (`VendorDeviceKey`, `readHardware`): `row(fromPayload:)` builds only these and
    /// skips the rest of the vendor's item. A field read but not listed here would read as
    /// missing; `MappingSelectionTests` maps generated and hand-made payloads both ways.
    public static let payloadFields = JSONSelection.paths(
        [
            "nodeClass", "systemName", "dnsName", "id", "displayName", "organizationId", "offline", "lastContact", "created",
        ].map { ["device", $0] } + [
            ["device", "os", "name"], ["device", "os", "architecture"], ["device", "os", "buildNumber"], ["device", "os", "releaseId"],
            ["device", "processors", "name"], ["device", "memory", "capacity"], ["device", "volumes", "capacity"], ["device", "volumes", "name"],
            ["device", "system", "manufacturer"], ["device", "system", "model"],
            ["organization", "id"], ["organization", "name"], ["location", "name"],
        ] + ["hastpm", "tpmenabled", "tpmversion", "securebootavailable", "securebootenabled"].map { ["customFields", $0] })

    /// The members `row(from:detail: .comparison)` reads.
    public static let comparisonFields = JSONSelection.paths(
        ["nodeClass", "systemName", "dnsName", "id", "displayName", "organizationId"].map { ["device", $0] } + [
            ["device", "os", "name"], ["organization", "id"], ["organization", "name"], ["location", "name"],
        ])

    /// The row of a stored payload, parsing only `payloadFields` (or `comparisonFields`).
    public static func row(fromPayload bytes: some Collection<UInt8>, detail: RowDetail = .full) throws(JSONParseError) -> DeviceSnapshotRow? {
        row(from: try JSONParser.parse(bytes, selecting: detail == .full ? payloadFields : comparisonFields), detail: detail)
    }

    /// The row for one observed device, or nil when the device is not projected: a VMware VM
    /// guest (`nodeClass` = `VMWARE_VM_GUEST`, kept in the ledger only) or a payload without a
    /// `device` object or any identity (no `systemName`, `dnsName` or `id`).
    ///
    /// Missing, null or oddly typed fields give nil columns, never a failure.
    public static func row(from payload: JSONValue, detail: RowDetail = .full) -> DeviceSnapshotRow? {
        guard let device = payload["device"], device.objectValue != nil else { return nil }
        let nodeClass = device["nodeClass"].nonBlankText
        if nodeClass?.uppercased() == "VMWARE_VM_GUEST" { return nil }

        let systemName = device["systemName"].nonBlankText
        let dnsName = device["dnsName"].nonBlankText
        let hostname = VendorDeviceKey.ninjaOneHostname(device)
        guard let vendorDeviceKey = VendorDeviceKey.ninjaOne(device) else { return nil }
        let displayName = device["displayName"].nonBlankText
        let organization = payload["organization"]
        let locationName = payload["location"]?["name"].nonBlankText
        let billingStatus = BillingStatus(displayName: displayName, locationName: locationName)

        var row = DeviceSnapshotRow(
            vendor: .ninja,
            vendorDeviceKey: vendorDeviceKey,
            deviceType: DeviceType(ninjaNodeClass: nodeClass),
            billingStatus: billingStatus
        )
        row.hostname = hostname
        row.displayName = displayName
        row.matchKeys = Set([hostname, systemName, dnsName, displayName].compactMap(CanonicalKey.init))
        row.siteKey = device["organizationId"].nonBlankText ?? organization?["id"].nonBlankText
        row.siteName = organization?["name"].nonBlankText
        row.organizationName = row.siteName
        row.locationName = locationName
        row.deviceTypeName = nodeClass
        row.billableStatusName = billingStatus.rawValue
        row.osName = device["os"]?["name"].nonBlankText
        guard detail == .full else { return row }
        row.deviceStatus = device["offline"].boolValue.map { $0 ? "offline" : "online" }
        row.lastOnline = VendorTimestamp.epochSeconds(device["lastContact"])
        row.agentInstallTimestamp = VendorTimestamp.epochSeconds(device["created"])
        readHardware(of: device, customFields: payload["customFields"], into: &row)

        let assessment = Windows11Assessment.assess(row)
        row.windows11_24H2Capable = assessment.capable
        row.windows11_24H2Deficiencies = assessment.deficienciesJSON
        return row
    }
}
