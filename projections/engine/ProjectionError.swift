/// Why a projection cannot proceed, in words an operator can act on.
public enum ProjectionError: Error, Sendable, CustomStringConvertible {
    case versionMismatch(projection: String, stored: Int, code: Int)
    case missingSite(vendorID: Int, siteKey: String)
    case prerequisiteBehind(projection: String, prerequisite: String)
    case missingObservation(vendorID: Int, key: String)
    case unknownVendor(Int)

    public var description: String {
        switch self {
        case .versionMismatch(let projection, let stored, let code):
            return "projection \(projection) was built by version \(stored) of its rules, this build has version \(code): "
                + "run `inventory-hub project rebuild --projection \(projection)`"
        case .missingSite(let vendorID, let siteKey):
            return "site '\(siteKey)' of vendor \(vendorID) is not in the site table: catch up device_snapshot first"
        case .prerequisiteBehind(let projection, let prerequisite):
            return "projection \(projection) needs \(prerequisite) to be caught up first"
        case .missingObservation(let vendorID, let key):
            return "device '\(key)' of vendor \(vendorID) has no device_observed event within the projection's bound"
        case .unknownVendor(let vendorID):
            return "the ledger has a collection of vendor \(vendorID), which this build has no mapping for"
        }
    }
}
