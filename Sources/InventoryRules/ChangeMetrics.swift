import InventoryJSON

/// The day-over-day changes of one vendor's snapshot, for the `change_log` read model.
///
/// Devices are matched between the two dates by `vendorDeviceKey`. Semantics of the columns:
/// - **Count metrics** (`devices`, `billable`, `spare`, `servers`, `workstations`, `sites`):
///   `prevValue` is the metric on the previous snapshot date (0 on the vendor's first date),
///   `newValue` the metric on this date, `delta` the difference. `sites` lists the site keys
///   that appeared and disappeared in its details (`{"added": […], "removed": […]}`).
/// - **Movement metrics** (`added`, `removed`, `site_changed`, `billing_changed`): these count
///   events between two dates, so there is no earlier value to compare with: `prevValue` is
///   0, `newValue` the number of devices, `delta` the same number, and details list the
///   devices (`{"devices": [{vendorDeviceKey, hostname, from, to}]}`, sorted by key).
///   On the vendor's first date every device is `added`, so `devices.delta` equals
///   `added - removed` on every date.
public enum ChangeMetrics {
    /// All ten metrics, in `ChangeMetric` order. `previous` is nil on the vendor's first date.
    /// Should a key occur twice in one day, the first row in input order stands for it.
    public static func compute(previous: [DeviceSnapshotRow]?, current: [DeviceSnapshotRow]) -> [ChangeLogEntry] {
        let before = previous ?? []
        let counts = ChangeMetric.allCases.filter { !$0.isMovement }.map { metric in
            ChangeLogEntry(
                metric: metric,
                prevValue: count(metric, in: before),
                newValue: count(metric, in: current),
                details: metric == .sites ? siteDetails(before: before, after: current) : .object([:])
            )
        }
        return counts + movements(before: before, after: current)
    }

    // Rows are read in place through indices: iterating them as values would copy each row,
    // and a row is large (copying one retains every field).

    static func count(_ metric: ChangeMetric, in rows: [DeviceSnapshotRow]) -> Int {
        switch metric {
        case .devices: rows.count
        case .billable: rows.indices.count { rows[$0].billingStatus == .billable }
        case .spare: rows.indices.count { rows[$0].billingStatus == .spare }
        case .servers: rows.indices.count { rows[$0].deviceType == .server }
        case .workstations: rows.indices.count { rows[$0].deviceType == .workstation }
        case .sites: siteKeys(rows).count
        case .added, .removed, .siteChanged, .billingChanged: 0
        }
    }

    static func siteKeys(_ rows: [DeviceSnapshotRow]) -> Set<String> {
        Set(rows.indices.compactMap { rows[$0].siteKey })
    }

    static func siteDetails(before: [DeviceSnapshotRow], after: [DeviceSnapshotRow]) -> JSONValue {
        let old = siteKeys(before), new = siteKeys(after)
        return [
            "added": .array(new.subtracting(old).sorted().map(JSONValue.string)),
            "removed": .array(old.subtracting(new).sorted().map(JSONValue.string)),
        ]
    }
}
