import InventoryJSON
import InventoryRules

/// A vendor item that cannot become a `device_observed` event: it has no identity to track
/// (`computerId`, NinjaOne `id`) or a hostname field of the wrong type. One such item fails the
/// whole run, because an event whose subject is missing, or made up from a number, would track
/// a device that does not exist.
///
/// The item is named by its 1-based position and, to find it in a capture file, by its
/// 0-based JSON path, with every problem it has: `item 1 of 1 in computers (computers[0])
/// cannot be recorded: computerId is missing; hostname is a number, not a string`.
public struct UnusableCaptureItem: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with a field.
    public enum Problem: Sendable, Equatable {
        /// The field is absent.
        case missing
        /// The field is JSON null where a value is required.
        case null
        /// A string that is empty or only spaces.
        case blank
        /// A value of another JSON type: `found` is `a number`, `an object`…
        case wrongType(found: String, expected: String)
        /// None of the fields yields a device key (NinjaOne: `systemName`, `dnsName`, `id`).
        case noDeviceKey
    }

    /// One field and what is wrong with it.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        /// The field, e.g. `computerId`.
        public let field: String
        public let problem: Problem

        public init(_ field: String, _ problem: Problem) {
            self.field = field
            self.problem = problem
        }

        public var description: String {
            switch problem {
            case .missing: "\(field) is missing"
            case .null: "\(field) is null"
            case .blank: "\(field) is blank"
            case .wrongType(let found, let expected): "\(field) is \(found), not \(expected)"
            case .noDeviceKey: "no \(field) gives a device key"
            }
        }
    }

    /// Whose capture the item is in.
    public let vendor: Vendor
    /// The capture list the item is in: `devices` or `computers`.
    public let list: String
    /// The item's 0-based index in `list`.
    public let index: Int
    /// How many items `list` holds.
    public let count: Int
    /// Every problem of the item, in field order; never empty.
    public let violations: [Violation]

    public init(vendor: Vendor, list: String, index: Int, count: Int, violations: [Violation]) {
        self.vendor = vendor
        self.list = list
        self.index = index
        self.count = count
        self.violations = violations
    }

    public var description: String {
        "item \(index + 1) of \(count) in \(list) (\(list)[\(index)]) cannot be recorded: "
            + violations.map(\.description).joined(separator: "; ")
    }
}

extension JSONValue {
    /// `a number`, `an object`…: the JSON type of a value as a sentence says it.
    var kindPhrase: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
