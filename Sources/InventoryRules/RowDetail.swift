/// How much of a payload a mapping builds.
public enum RowDetail: Sendable, Hashable {
    /// Every `device_snapshot` column.
    case full
    /// Only what the cross-vendor exception rules and the change log read: identity, hostname,
    /// display name, match keys, site, location, OS name, device type and billing status. The
    /// hardware columns, the Windows 11 assessment, timestamps and the vendor's status columns
    /// stay nil, and their members of the payload are skipped unparsed: a rebuild of
    /// `exceptions` or `change_log` alone, and a replay's days before its range, need no more.
    case comparison
}

extension DeviceSnapshotRow {
    /// This row as a mapping with `detail` builds it: for `.comparison`, the same identity with
    /// only the compared fields kept. `MappingSelectionTests` holds each mapping to it.
    public func limited(to detail: RowDetail) -> DeviceSnapshotRow {
        guard detail == .comparison else { return self }
        var row = DeviceSnapshotRow(vendor: vendor, vendorDeviceKey: vendorDeviceKey, deviceType: deviceType, billingStatus: billingStatus)
        row.siteKey = siteKey
        row.siteName = siteName
        row.matchKeys = matchKeys
        row.hostname = hostname
        row.osName = osName
        row.organizationName = organizationName
        row.displayName = displayName
        row.locationName = locationName
        row.deviceTypeName = deviceTypeName
        row.billableStatusName = billableStatusName
        row.organizationId = organizationId
        return row
    }
}
