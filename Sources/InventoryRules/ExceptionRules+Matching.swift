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
            return positions.map { devices[$0] }.min { a, b in
                let aPrimary = primaryKey != nil && a.canonicalKey == primaryKey
                let bPrimary = primaryKey != nil && b.canonicalKey == primaryKey
                if aPrimary != bPrimary { return aPrimary }
                return (a.vendorDeviceKey, a.hostname ?? "") < (b.vendorDeviceKey, b.hostname ?? "")
            }
        }
    }
}
