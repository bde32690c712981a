import Foundation
import InventoryJSON

/// The device classes billing distinguishes; raw values are the seed's `device_type.code`.
public enum DeviceType: String, Sendable, Hashable, CaseIterable, Comparable {
    case server
    case workstation
    /// The vendor gave no basis to classify the device; counted apart so it is never billed
    /// at the wrong rate.
    case unknown

    public static func < (lhs: DeviceType, rhs: DeviceType) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension DeviceType {
    /// NinjaOne's `nodeClass`: `*_SERVER`, `VMWARE_VM_HOST` and `HYPERV_VMM_HOST` are servers,
    /// `*_WORKSTATION` and `MAC` workstations; anything else (network devices, VM guests, cloud
    /// monitors, a missing class) is unknown rather than guessed.
    public init(ninjaNodeClass nodeClass: String?) {
        let code = nodeClass?.trimmedWhitespace().uppercased() ?? ""
        if code.hasSuffix("_SERVER") || code == "VMWARE_VM_HOST" || code == "HYPERV_VMM_HOST" {
            self = .server
        } else if code.hasSuffix("_WORKSTATION") || code == "MAC" {
            self = .workstation
        } else {
            self = .unknown
        }
    }

    /// ThreatLocker reports no device class, only the OS name: "Server" in it (any case) means a
    /// server, any other OS a workstation, and a missing OS unknown.
    public init(threatLockerOperatingSystem operatingSystem: String?) {
        guard let operatingSystem, !operatingSystem.trimmedWhitespace().isEmpty else {
            self = .unknown
            return
        }
        self = operatingSystem.containsIgnoringCase("server") ? .server : .workstation
    }
}
