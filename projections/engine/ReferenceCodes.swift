import InventoryRules
import PostgresClient

/// The ids of `device_type` and `billing_status` codes, read once from the reference tables.
struct ReferenceCodes {
    private let deviceTypes: [String: Int]
    private let billingStatuses: [String: Int]

    static func load(session: PostgresSession) throws -> ReferenceCodes {
        func codes(_ table: String) throws -> [String: Int] {
            var map: [String: Int] = [:]
            for row in try session.query("SELECT code, id FROM \(identifier: table)") {
                map[try row.decode(String.self, 0)] = try row.decode(Int.self, 1)
            }
            return map
        }
        return ReferenceCodes(deviceTypes: try codes("device_type"), billingStatuses: try codes("billing_status"))
    }

    func deviceTypeID(_ type: DeviceType) -> Int { deviceTypes[type.rawValue] ?? deviceTypes["unknown"]! }

    func billingStatusID(_ status: BillingStatus) -> Int { billingStatuses[status.rawValue] ?? billingStatuses["unknown"]! }
}
