import Foundation
import InventoryRules
import Vendors

extension CollectionSource {
    /// The vendor's API configured from the environment (`NINJA_*`, `THREATLOCKER_*`), as the
    /// nightly `collect` and a collection started through the HTTP API both read it.
    public static func api(vendor: Vendor, environment: [String: String]) throws -> CollectionSource {
        switch vendor {
        case .ninja: return .api(try NinjaOneConfiguration.fromEnvironment(environment))
        case .threatLocker: return .api(try ThreatLockerConfiguration.fromEnvironment(environment))
        }
    }
}
