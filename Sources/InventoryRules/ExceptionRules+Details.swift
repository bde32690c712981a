import InventoryJSON

extension ExceptionRules {
    /// Gathers the devices behind each (type, key) so a day yields one finding per pair.
    struct FindingCollector {
        private var devices: [Pair: (ninja: Set<Member>, threatLocker: Set<Member>)] = [:]

        private struct Pair: Hashable {
            var type: ExceptionType
            var key: CanonicalKey
        }

        /// A row in a set of rows: equal when the rows are equal, as in `Set<DeviceSnapshotRow>`,
        /// but hashed by its key and hostname only instead of all of its columns (equal rows
        /// have equal keys, so this is the same set, found faster).
        private struct Member: Hashable {
            let row: DeviceSnapshotRow

            static func == (lhs: Member, rhs: Member) -> Bool { lhs.row == rhs.row }

            func hash(into hasher: inout Hasher) {
                hasher.combine(row.vendorDeviceKey)
                hasher.combine(row.hostname)
            }
        }

        mutating func add(_ type: ExceptionType, _ key: CanonicalKey, ninja: [DeviceSnapshotRow] = [], threatLocker: [DeviceSnapshotRow] = []) {
            let pair = Pair(type: type, key: key)
            devices[pair, default: ([], [])].ninja.formUnion(ninja.lazy.map(Member.init))
            devices[pair, default: ([], [])].threatLocker.formUnion(threatLocker.lazy.map(Member.init))
        }

        func sortedFindings(clientName: (DeviceSnapshotRow) -> String) -> [ExceptionFinding] {
            devices.map { pair, found in
                ExceptionFinding(type: pair.type, key: pair.key, details: [
                    "ninja": .array(summaries(found.ninja, clientName: clientName)),
                    "threatLocker": .array(summaries(found.threatLocker, clientName: clientName)),
                ])
            }.sorted()
        }

        private func summaries(_ rows: Set<Member>, clientName: (DeviceSnapshotRow) -> String) -> [JSONValue] {
            rows.sorted { ($0.row.vendorDeviceKey, $0.row.hostname ?? "") < ($1.row.vendorDeviceKey, $1.row.hostname ?? "") }
                .map { summary($0.row, client: clientName($0.row)) }
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
