import InventoryJSON

extension ChangeMetrics {
    /// `added`, `removed`, `site_changed` and `billing_changed` between two days.
    static func movements(before: [DeviceSnapshotRow], after: [DeviceSnapshotRow]) -> [ChangeLogEntry] {
        // Rows are read in place by index (a row is large: copying one retains every field),
        // and only the devices that moved are sorted.
        let old = firstIndexByKey(before), new = firstIndexByKey(after)
        var added: [(String, JSONValue)] = [], removed: [(String, JSONValue)] = []
        var siteChanged: [(String, JSONValue)] = [], billingChanged: [(String, JSONValue)] = []
        for (key, index) in new {
            guard let earlierIndex = old[key] else {
                added.append((key, movement(after[index], from: nil, to: siteLabel(after[index]))))
                continue
            }
            if before[earlierIndex].siteKey != after[index].siteKey {
                siteChanged.append((key, movement(after[index], from: siteLabel(before[earlierIndex]), to: siteLabel(after[index]), extra: [
                    "fromSiteKey": JSONValue(before[earlierIndex].siteKey), "toSiteKey": JSONValue(after[index].siteKey),
                ])))
            }
            if before[earlierIndex].billingStatus != after[index].billingStatus {
                billingChanged.append((key, movement(
                    after[index], from: before[earlierIndex].billingStatus.rawValue, to: after[index].billingStatus.rawValue)))
            }
        }
        for (key, index) in old where new[key] == nil {
            removed.append((key, movement(before[index], from: siteLabel(before[index]), to: nil)))
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
        for index in rows.indices where indexes[rows[index].vendorDeviceKey] == nil { indexes[rows[index].vendorDeviceKey] = index }
        return indexes
    }

    /// A site as people read it: its name, else its key.
    private static func siteLabel(_ row: borrowing DeviceSnapshotRow) -> String? { row.siteName ?? row.siteKey }

    /// For added and removed devices `from`/`to` is the site the device came into or left.
    private static func movement(_ row: borrowing DeviceSnapshotRow, from: String?, to: String?, extra: [String: JSONValue] = [:]) -> JSONValue {
        var object: [String: JSONValue] = [
            "vendorDeviceKey": .string(row.vendorDeviceKey), "hostname": JSONValue(row.hostname),
            "from": JSONValue(from), "to": JSONValue(to),
        ]
        object.merge(extra) { _, new in new }
        return .object(object)
    }
}
