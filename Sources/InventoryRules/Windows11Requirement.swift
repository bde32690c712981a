/// The hardware and OS requirements of Windows 11 24H2 that the inventory can check. Raw
/// values are the text stored in `windows_11_24h2_deficiencies`, meant for a person to read.
public enum Windows11Requirement: String, Sendable, Hashable, CaseIterable {
    case os64Bit = "64-bit OS"
    case memory = "RAM >= 4 GiB"
    case storage = "Storage >= 64 GB"
    case tpmPresent = "TPM present"
    case tpmEnabled = "TPM enabled"
    case tpmVersion = "TPM 2.0"
    case secureBootAvailable = "Secure Boot available"
    case secureBootEnabled = "Secure Boot enabled"
    case processor = "Supported CPU"

    /// What a technician does when the requirement fails.
    public var remediation: String {
        switch self {
        case .os64Bit: "Reinstall with a 64-bit edition of Windows (replace the device if its CPU is 32-bit only)"
        case .memory: "Upgrade memory to at least 4 GiB or replace the device"
        case .storage: "Give the system drive at least 64 GB: replace the drive or the device"
        case .tpmPresent: "Enable the firmware TPM (Intel PTT / AMD fTPM) in UEFI, fit a TPM 2.0 module, or replace the device"
        case .tpmEnabled: "Enable the TPM in the UEFI firmware settings"
        case .tpmVersion: "Update the TPM firmware to 2.0 or switch to the firmware TPM; replace the device if it only has TPM 1.2"
        case .secureBootAvailable: "Switch the firmware from legacy BIOS/CSM to UEFI (convert the disk with MBR2GPT); replace the device if it has no UEFI Secure Boot"
        case .secureBootEnabled: "Enable Secure Boot in the UEFI firmware settings"
        case .processor: "Replace the device: its processor is not supported by Windows 11"
        }
    }

    /// What a technician does when NinjaOne did not report the value: the requirement cannot
    /// be judged, so the device is not counted as capable until it is.
    public var unknownRemediation: String {
        switch self {
        case .os64Bit: "Check why NinjaOne reports no OS architecture for this device"
        case .memory: "Check why NinjaOne reports no memory capacity for this device"
        case .storage: "Check why NinjaOne reports no volumes for this device"
        case .tpmPresent: "Populate the NinjaOne custom field hastpm (run the TPM inventory script)"
        case .tpmEnabled: "Populate the NinjaOne custom field tpmenabled (run the TPM inventory script)"
        case .tpmVersion: "Populate the NinjaOne custom field tpmversion (run the TPM inventory script)"
        case .secureBootAvailable: "Populate the NinjaOne custom field securebootavailable (run the Secure Boot inventory script)"
        case .secureBootEnabled: "Populate the NinjaOne custom field securebootenabled (run the Secure Boot inventory script)"
        case .processor: "Check why NinjaOne reports no processor for this device"
        }
    }
}
