import InventoryJSON

extension ExceptionRules {
    /// Gathers the devices behind each (type, key) so a day yields one finding per pair.
    struct FindingCollector {
        private var devices: [Pair: (ninja: Set<DeviceSnapshotRow>, threatLocker: Set<DeviceSnapshotRow>)] = [:]

        private struct Pair: Hashable {
            var type: ExceptionType
            var key: CanonicalKey
        }

        mutating func add(_ type: ExceptionType, _ key: CanonicalKey, ninja: [DeviceSnapshotRow] = [], threatLocker: [DeviceSnapshotRow] = []) {
            devices[Pair(type: type, key: key), default: ([], [])].ninja.formUnion(ninja)
            devices[Pair(type: type, key: key), default: ([], [])].threatLocker.formUnion(threatLocker)
        }

        func sortedFindings(clientName: (DeviceSnapshotRow) -> String) -> [ExceptionFinding] {
            devices.map { pair, found in
                ExceptionFinding(type: pair.type, key: pair.key, details: [
                    "ninja": .array(summaries(found.ninja, clientName: clientName)),
                    "threatLocker": .array(summaries(found.threatLocker, clientName: clientName)),
                ])
            }.sorted()
        }

        private func summaries(_ rows: Set<DeviceSnapshotRow>, clientName: (DeviceSnapshotRow) -> String) -> [JSONValue] {
            rows.sorted { ($0.vendorDeviceKey, $0.hostname ?? "") < ($1.vendorDeviceKey, $1.hostname ?? "") }
                .map { summary($0, client: clientName($0)) }
        }

        /// What a technician needs to find the device in each console.
        private func summary(_ row: DeviceSnapshotRow, client: String) -> JSONValue {
            let fields: [(String, String?)] = [
                ("vendorDeviceKey", row.vendorDeviceKey), ("hostname", row.hostname), ("displayName", row.displayName),
                ("client", client), ("siteKey", row.siteKey), ("siteName", row.siteName),
                ("billingStatus", row.billingStatus.rawValue), ("locationName", row.locationName), ("osName", row.osName),
            ]
            var object: [String: JSONValue] = [:]
            for (name, value) in fields {
                if let value, !value.isEmpty { object[name] = .string(value) }
            }
            return .object(object)
        }
    }
}
