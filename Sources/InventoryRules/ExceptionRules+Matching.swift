extension ExceptionRules {
    /// NinjaOne devices by every key they match on, for one lookup per ThreatLocker key.
    struct NinjaKeyIndex {
        private let devices: [DeviceSnapshotRow]
        private var positionsByKey: [CanonicalKey: [Int]] = [:]

        init(_ devices: [DeviceSnapshotRow]) {
            self.devices = devices
            for (position, device) in devices.enumerated() {
                for key in device.allMatchKeys { positionsByKey[key, default: []].append(position) }
            }
        }

        /// The NinjaOne device a ThreatLocker device pairs with, nil when none matches: one with
        /// the same canonical key first, then the smallest `vendorDeviceKey`.
        func bestMatch(for threatLocker: DeviceSnapshotRow) -> DeviceSnapshotRow? {
            var positions = Set<Int>()
            for key in threatLocker.allMatchKeys { positions.formUnion(positionsByKey[key] ?? []) }
            let primaryKey = threatLocker.canonicalKey
            func precedes(_ a: DeviceSnapshotRow, _ b: DeviceSnapshotRow) -> Bool {
                let aPrimary = primaryKey != nil && a.canonicalKey == primaryKey
                let bPrimary = primaryKey != nil && b.canonicalKey == primaryKey
                if aPrimary != bPrimary { return aPrimary }
                return (a.vendorDeviceKey, a.hostname ?? "") < (b.vendorDeviceKey, b.hostname ?? "")
            }
            // The first least candidate, as `min(by:)` would pick, compared in place: a row is
            // copied only once it is chosen.
            var best: Int?
            for position in positions where best.map({ precedes(devices[position], devices[$0]) }) ?? true { best = position }
            return best.map { devices[$0] }
        }
    }
}
