import Foundation
import InventoryJSON

/// Whether a NinjaOne Windows workstation can run Windows 11 24H2, and if not, why — so the
/// MSP can plan hardware refreshes per client from the same snapshot it bills from.
public struct Windows11Assessment: Sendable, Hashable {
    /// Nil when the assessment does not apply (not a NinjaOne Windows workstation).
    public var capable: Bool?
    /// Each failed or unknown requirement; empty for a capable device, nil when not applicable.
    public var deficiencies: [Deficiency]?

    public init(capable: Bool?, deficiencies: [Deficiency]?) {
        self.capable = capable
        self.deficiencies = deficiencies
    }

    /// One requirement the device fails, or that cannot be judged (`currentValue` "unknown").
    public struct Deficiency: Sendable, Hashable {
        public var requirement: Windows11Requirement
        public var currentValue: String
        public var remediation: String

        public init(requirement: Windows11Requirement, currentValue: String, remediation: String) {
            self.requirement = requirement
            self.currentValue = currentValue
            self.remediation = remediation
        }

        /// A failed requirement, with the requirement's remediation.
        static func failed(_ requirement: Windows11Requirement, _ currentValue: String) -> Deficiency {
            Deficiency(requirement: requirement, currentValue: currentValue, remediation: requirement.remediation)
        }

        /// A requirement NinjaOne gave no value for.
        static func unknown(_ requirement: Windows11Requirement) -> Deficiency {
            Deficiency(requirement: requirement, currentValue: "unknown", remediation: requirement.unknownRemediation)
        }

        /// The stored form: `{"currentValue", "remediation", "requirement"}`.
        public var json: JSONValue {
            ["requirement": .string(requirement.rawValue), "currentValue": .string(currentValue), "remediation": .string(remediation)]
        }
    }

    /// For rows the assessment does not apply to: both columns stay NULL.
    public static let notApplicable = Windows11Assessment(capable: nil, deficiencies: nil)

    /// `windows_11_24h2_deficiencies`: a canonical JSON array of `{"currentValue",
    /// "remediation", "requirement"}` objects in requirement order (`[]` when capable), so equal
    /// assessments store equal text.
    public var deficienciesJSON: String? {
        deficiencies.map { CanonicalJSONWriter.string(.array($0.map(\.json))) }
    }

    /// Assesses a row. Applies to NinjaOne workstations running Windows (by `osName`, or by a
    /// `WINDOWS_*` node class when the OS name is missing); every other row is not applicable.
    /// A device already on 24H2 or later is capable whatever its hardware looks like. Otherwise
    /// every requirement is checked, and any failed or unknown one makes it not capable.
    public static func assess(_ row: DeviceSnapshotRow) -> Windows11Assessment {
        guard row.vendor == .ninja, row.deviceType == .workstation, runsWindows(row) else { return .notApplicable }
        if Windows11Release.isAtLeast24H2(releaseId: row.osReleaseId, build: row.osBuild) {
            return Windows11Assessment(capable: true, deficiencies: [])
        }
        let deficiencies = deficiencies(of: row)
        return Windows11Assessment(capable: deficiencies.isEmpty, deficiencies: deficiencies)
    }

    static func runsWindows(_ row: DeviceSnapshotRow) -> Bool {
        if let osName = row.osName { return osName.containsIgnoringCase("windows") }
        return row.deviceTypeName?.uppercased().hasPrefix("WINDOWS_") ?? false
    }
}
