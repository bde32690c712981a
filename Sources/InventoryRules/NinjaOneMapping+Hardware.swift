import Foundation
import InventoryJSON

extension NinjaOneMapping {
    /// OS build and architecture, processor, memory, volumes, system and the TPM / Secure Boot
    /// custom fields — with the OS name (read by `row(from:)`), the inputs of the Windows 11
    /// assessment.
    static func readHardware(of device: JSONValue, customFields: JSONValue?, into row: inout DeviceSnapshotRow) {
        let os = device["os"]
        row.osArchitecture = os?["architecture"].nonBlankText
        row.osBuild = os?["buildNumber"].nonBlankText
        row.osReleaseId = os?["releaseId"].nonBlankText
        row.cpuModel = device["processors"]?[0]?["name"].nonBlankText
        row.memoryGiB = gibibytes(device["memory"]?["capacity"])
        row.storageVolumes = storageVolumes(device["volumes"])
        row.systemManufacturer = device["system"]?["manufacturer"].nonBlankText
        row.systemModel = device["system"]?["model"].nonBlankText

        row.hasTPM = customFields?["hastpm"].boolValue
        row.tpmEnabled = customFields?["tpmenabled"].boolValue
        row.tpmVersion = customFields?["tpmversion"].nonBlankText
        row.secureBootAvailable = customFields?["securebootavailable"].boolValue
        row.secureBootEnabled = customFields?["securebootenabled"].boolValue
    }

    /// Bytes as GiB (2^30) rounded half-up to two places, for `memory_gib NUMERIC(10,2)`.
    /// Decimal arithmetic, so the stored value never depends on binary floating point.
    static func gibibytes(_ bytes: JSONValue?) -> Decimal? {
        let exactBytes: Decimal
        if let integer = bytes?.intValue {
            // Whole bytes (what agents report): hundredths of a GiB by integer division, half
            // up, the same value as the Decimal quotient rounded below, at a fraction of its cost.
            if integer >= 0, integer <= Int.max / 100 - (1 << 29) {
                let hundredths = (integer * 100 + (1 << 29)) >> 30
                return Decimal(sign: .plus, exponent: -2, significand: Decimal(hundredths))
            }
            exactBytes = Decimal(integer)
        } else if let double = bytes?.doubleValue, double.isFinite {
            exactBytes = Decimal(double)
        } else {
            return nil
        }
        guard exactBytes >= 0 else { return nil }
        return roundedGibibytes(exactBytes)
    }

    /// The Decimal quotient rounded half up to two places: the definition the integer path
    /// above must equal.
    static func roundedGibibytes(_ exactBytes: Decimal) -> Decimal {
        var quotient = exactBytes / Decimal(1_073_741_824)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, 2, .plain)
        return rounded
    }

    /// The volumes with a usable capacity; entries without one tell nothing and are dropped.
    static func storageVolumes(_ volumes: JSONValue?) -> [StorageVolume] {
        (volumes?.arrayValue ?? []).compactMap { volume in
            let capacity = volume["capacity"].intValue ?? volume["capacity"].doubleValue.flatMap { $0.isFinite ? Int(exactly: $0.rounded()) : nil }
            guard let capacity, capacity >= 0 else { return nil }
            return StorageVolume(name: volume["name"].nonBlankText, capacityBytes: capacity)
        }
    }
}
