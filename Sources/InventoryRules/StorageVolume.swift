import Foundation
import InventoryJSON

/// One volume a device reports. Kept structured on the row so the Windows 11 storage check
/// reads bytes, not the display text of the `volumes` column.
public struct StorageVolume: Sendable, Hashable {
    /// The vendor's volume name, e.g. `C:` or `C:\`; nil when the vendor gave none.
    public var name: String?
    public var capacityBytes: Int

    public init(name: String?, capacityBytes: Int) {
        self.name = name
        self.capacityBytes = capacityBytes
    }

    static let bytesPerGiB = 1_073_741_824.0

    /// Capacity in GiB (2^30 bytes), the unit of the `volumes` text.
    public var capacityGiB: Double { Double(capacityBytes) / Self.bytesPerGiB }

    /// The name without a trailing path separator, so `C:\` and `C:` read the same.
    public var label: String {
        var label = (name ?? "").trimmedWhitespace()
        while label.count > 1, let last = label.last, last == "\\" || last == "/" { label.removeLast() }
        return label.isEmpty ? "?" : label
    }

    /// True for the Windows system drive, which the storage requirement is about.
    public var isSystemDrive: Bool { label.uppercased() == "C:" }
}

extension StorageVolume {
    /// The `volumes` column: `C: 476.9GB; D: 931.5GB`. Each volume is its label (with one
    /// colon, added when the name has none), a space, its capacity in GiB (2^30 bytes — the
    /// number Windows Explorer shows as "GB") with one decimal, and `GB`; volumes are sorted by
    /// label so a vendor reordering its list does not look like a change. Nil without volumes.
    public static func text(_ volumes: [StorageVolume]) -> String? {
        guard !volumes.isEmpty else { return nil }
        return volumes
            .sorted { ($0.label, $0.capacityBytes) < ($1.label, $1.capacityBytes) }
            .map { volume in
                let label = volume.label.hasSuffix(":") ? volume.label : volume.label + ":"
                return "\(label) \(oneDecimal(volume.capacityGiB))GB"
            }
            .joined(separator: "; ")
    }

    /// One decimal, rounded half away from zero, independent of the process locale.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded(.toNearestOrAwayFromZero)
        let whole = Int(tenths / 10)
        let fraction = Int(abs(tenths.truncatingRemainder(dividingBy: 10)))
        return "\(whole).\(fraction)"
    }
}
