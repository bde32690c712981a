import InventoryJSON

extension ChangeMetrics {
    /// `added`, `removed`, `site_changed` and `billing_changed` between two days.
    static func movements(before: [DeviceSnapshotRow], after: [DeviceSnapshotRow]) -> [ChangeLogEntry] {
        // Rows are found by index, not copied, and only the devices that moved are sorted.
        let old = firstIndexByKey(before), new = firstIndexByKey(after)
        var added: [(String, JSONValue)] = [], removed: [(String, JSONValue)] = []
        var siteChanged: [(String, JSONValue)] = [], billingChanged: [(String, JSONValue)] = []

        for (key, index) in new {
            let device = after[index]
            guard let earlierIndex = old[key] else {
                added.append((key, movement(device, from: nil, to: siteLabel(device))))
                continue
            }
            let earlier = before[earlierIndex]
            if earlier.siteKey != device.siteKey {
                siteChanged.append((key, movement(device, from: siteLabel(earlier), to: siteLabel(device), extra: [
                    "fromSiteKey": JSONValue(earlier.siteKey), "toSiteKey": JSONValue(device.siteKey),
                ])))
            }
            if earlier.billingStatus != device.billingStatus {
                billingChanged.append((key, movement(device, from: earlier.billingStatus.rawValue, to: device.billingStatus.rawValue)))
            }
        }
        for (key, index) in old where new[key] == nil {
            let device = before[index]
            removed.append((key, movement(device, from: siteLabel(device), to: nil)))
        }
        return [
            entry(.added, added), entry(.removed, removed),
            entry(.siteChanged, siteChanged), entry(.billingChanged, billingChanged),
        ]
    }

    /// The entry of a movement metric, its devices sorted by key.
    private static func entry(_ metric: ChangeMetric, _ devices: [(key: String, movement: JSONValue)]) -> ChangeLogEntry {
        let sorted = devices.sorted { $0.key < $1.key }.map(\.movement)
        return ChangeLogEntry(metric: metric, prevValue: 0, newValue: sorted.count, details: ["devices": .array(sorted)])
    }

    /// The index of the first row per key, so a duplicate key in a vendor's data cannot crash
    /// the projection.
    private static func firstIndexByKey(_ rows: [DeviceSnapshotRow]) -> [String: Int] {
        var indexes: [String: Int] = [:]
        indexes.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() where indexes[row.vendorDeviceKey] == nil { indexes[row.vendorDeviceKey] = index }
        return indexes
    }

    /// A site as people read it: its name, else its key.
    private static func siteLabel(_ row: DeviceSnapshotRow) -> String? { row.siteName ?? row.siteKey }

    /// For added and removed devices `from`/`to` is the site the device came into or left.
    private static func movement(_ row: DeviceSnapshotRow, from: String?, to: String?, extra: [String: JSONValue] = [:]) -> JSONValue {
        var object: [String: JSONValue] = [
            "vendorDeviceKey": .string(row.vendorDeviceKey), "hostname": JSONValue(row.hostname),
            "from": JSONValue(from), "to": JSONValue(to),
        ]
        object.merge(extra) { _, new in new }
        return .object(object)
    }
}
