import InventoryJSON
import InventoryRules
import Vendors

extension CollectionRunBuilder {
    /// Checks that every NinjaOne device can be recorded: an integer `id` (the paging cursor
    /// and the custom fields' key), `systemName` and `dnsName` strings or null when given
    /// (they make the device key), and a device key at all. Throws for the first device that
    /// fails, with all of its problems.
    public static func validate(_ capture: NinjaOneCapture) throws(UnusableCaptureItem) {
        for (index, device) in capture.devices.enumerated() {
            var violations: [UnusableCaptureItem.Violation] = []
            switch device["id"] {
            case nil: violations.append(.init("id", .missing))
            case .null?: violations.append(.init("id", .null))
            case .number(let literal)? where Int(literal) != nil: break
            case .number(let literal)?: violations.append(.init("id", .wrongType(found: "the number \(literal)", expected: "an integer")))
            case let other?: violations.append(.init("id", .wrongType(found: other.kindPhrase, expected: "an integer")))
            }
            for field in ["systemName", "dnsName"] {
                if let problem = optionalStringProblem(device[field]) { violations.append(.init(field, problem)) }
            }
            if violations.isEmpty, VendorDeviceKey.ninjaOne(device) == nil {
                violations.append(.init("systemName, dnsName or id", .noDeviceKey))
            }
            if !violations.isEmpty {
                throw UnusableCaptureItem(vendor: .ninja, list: "devices", index: index, count: capture.devices.count, violations: violations)
            }
        }
    }

    /// Checks that every ThreatLocker computer can be recorded: a non-blank string
    /// `computerId` (its device key) and a string `hostname` when given. A missing or null
    /// hostname is accepted, as the mapping falls back to `computerName`. Throws for the first
    /// computer that fails, with all of its problems.
    public static func validate(_ capture: ThreatLockerCapture) throws(UnusableCaptureItem) {
        for (index, computer) in capture.computers.enumerated() {
            var violations: [UnusableCaptureItem.Violation] = []
            switch computer["computerId"] {
            case nil: violations.append(.init("computerId", .missing))
            case .null?: violations.append(.init("computerId", .null))
            case .string(let text)?: if text.trimmedWhitespace().isEmpty { violations.append(.init("computerId", .blank)) }
            case let other?: violations.append(.init("computerId", .wrongType(found: other.kindPhrase, expected: "a string")))
            }
            if let problem = optionalStringProblem(computer["hostname"]) { violations.append(.init("hostname", problem)) }
            if !violations.isEmpty {
                throw UnusableCaptureItem(
                    vendor: .threatLocker, list: "computers", index: index, count: capture.computers.count, violations: violations)
            }
        }
    }

    /// Nil for a string, a null or no value; the problem for any other type.
    private static func optionalStringProblem(_ value: JSONValue?) -> UnusableCaptureItem.Problem? {
        switch value {
        case nil, .null?, .string?: nil
        case let other?: .wrongType(found: other.kindPhrase, expected: "a string")
        }
    }
}
