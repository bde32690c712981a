import InventoryJSON

extension ChangeMetrics {
    /// `added`, `removed`, `site_changed` and `billing_changed` between two days.
    static func movements(before: [DeviceSnapshotRow], after: [DeviceSnapshotRow]) -> [ChangeLogEntry] {
        let old = byKey(before), new = byKey(after)
        var added: [JSONValue] = [], removed: [JSONValue] = []
        var siteChanged: [JSONValue] = [], billingChanged: [JSONValue] = []

        for key in new.keys.sorted() {
            let device = new[key]!
            guard let earlier = old[key] else {
                added.append(movement(device, from: nil, to: siteLabel(device)))
                continue
            }
            if earlier.siteKey != device.siteKey {
                siteChanged.append(movement(device, from: siteLabel(earlier), to: siteLabel(device), extra: [
                    "fromSiteKey": JSONValue(earlier.siteKey), "toSiteKey": JSONValue(device.siteKey),
                ]))
            }
            if earlier.billingStatus != device.billingStatus {
                billingChanged.append(movement(device, from: earlier.billingStatus.rawValue, to: device.billingStatus.rawValue))
            }
        }
        for key in old.keys.sorted() where new[key] == nil {
            let device = old[key]!
            removed.append(movement(device, from: siteLabel(device), to: nil))
        }
        return [
            entry(.added, added), entry(.removed, removed),
            entry(.siteChanged, siteChanged), entry(.billingChanged, billingChanged),
        ]
    }

    private static func entry(_ metric: ChangeMetric, _ devices: [JSONValue]) -> ChangeLogEntry {
        ChangeLogEntry(metric: metric, prevValue: 0, newValue: devices.count, details: ["devices": .array(devices)])
    }

    /// First row per key, so a duplicate key in a vendor's data cannot crash the projection.
    private static func byKey(_ rows: [DeviceSnapshotRow]) -> [String: DeviceSnapshotRow] {
        Dictionary(rows.map { ($0.vendorDeviceKey, $0) }, uniquingKeysWith: { first, _ in first })
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
