import Foundation
import InventoryJSON

extension Windows11Assessment {
    /// The system volume must hold 64 GB (10^9 bytes, Microsoft's unit). The volume checked is
    /// `C:`; when no `C:` is reported, the total of all volumes stands in for the disk.
    static let minimumStorageBytes = 64_000_000_000
    static let minimumMemoryGiB = Decimal(4)

    /// Every failed or unknown requirement, in `Windows11Requirement` order. A missing TPM or
    /// Secure Boot support is one deficiency, not three: "enabled" and "2.0" follow from it.
    static func deficiencies(of row: DeviceSnapshotRow) -> [Deficiency] {
        var found: [Deficiency] = []
        if let architecture = row.osArchitecture {
            if !architecture.contains("64") { found.append(.failed(.os64Bit, architecture)) }
        } else {
            found.append(.unknown(.os64Bit))
        }

        if let memory = row.memoryGiB {
            if memory < minimumMemoryGiB { found.append(.failed(.memory, "\(memory) GiB")) }
        } else {
            found.append(.unknown(.memory))
        }

        if let (label, bytes) = systemStorage(row.storageVolumes) {
            if bytes < minimumStorageBytes {
                let gib = StorageVolume.oneDecimal(Double(bytes) / StorageVolume.bytesPerGiB)
                found.append(.failed(.storage, "\(label) \(gib) GiB"))
            }
        } else {
            found.append(.unknown(.storage))
        }

        if row.hasTPM == false {
            found.append(.failed(.tpmPresent, "false"))
        } else {
            check(row.hasTPM, .tpmPresent, into: &found)
            check(row.tpmEnabled, .tpmEnabled, into: &found)
            if let version = row.tpmVersion {
                if !isTPM2(version) { found.append(.failed(.tpmVersion, version)) }
            } else {
                found.append(.unknown(.tpmVersion))
            }
        }

        if row.secureBootAvailable == false {
            found.append(.failed(.secureBootAvailable, "false"))
        } else {
            check(row.secureBootAvailable, .secureBootAvailable, into: &found)
            check(row.secureBootEnabled, .secureBootEnabled, into: &found)
        }

        switch Windows11Processor.support(for: row.cpuModel) {
        case .supported: break
        case .unsupported: found.append(.failed(.processor, row.cpuModel ?? ""))
        case .unknown: found.append(.unknown(.processor))
        }
        return found
    }

    /// A yes/no requirement: false fails, nil is unknown.
    private static func check(_ flag: Bool?, _ requirement: Windows11Requirement, into found: inout [Deficiency]) {
        switch flag {
        case .some(true): break
        case .some(false): found.append(.failed(requirement, "false"))
        case .none: found.append(.unknown(requirement))
        }
    }

    /// The `C:` volume, else all volumes together; nil without volumes.
    static func systemStorage(_ volumes: [StorageVolume]) -> (label: String, bytes: Int)? {
        if let system = volumes.first(where: \.isSystemDrive) { return ("C:", system.capacityBytes) }
        guard !volumes.isEmpty else { return nil }
        return ("all volumes", volumes.reduce(0) { $0 + $1.capacityBytes })
    }

    /// Windows reports versions like `2.0`, `2.0, 0, 1.38` or `1.2`: the leading number must
    /// be at least 2.
    static func isTPM2(_ version: String) -> Bool {
        let leading = version.trimmedWhitespace().prefix { $0.isNumber || $0 == "." }
        guard let number = Double(leading) else { return false }
        return number >= 2
    }
}
