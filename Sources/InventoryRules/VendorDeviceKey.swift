import Foundation
import InventoryJSON

/// The identity of a device within its vendor (`device_identity.vendor_device_key`, the
/// ledger's `subject`). One implementation, because the collectors stamp it on every
/// `device_observed` event and the mappings put it on every snapshot row: if the two ever
/// disagreed, first/last-seen dates and run replacement would track different devices.
public enum VendorDeviceKey {
    /// NinjaOne: `systemName`, else the first label of `dnsName`, else `id:<id>`; nil only for
    /// an item with none of the three. It applies to every device, VMware guests included
    /// (they are kept in the ledger even though they are not projected).
    public static func ninjaOne(_ device: JSONValue) -> String? {
        ninjaOneHostname(device) ?? device["id"].nonBlankText.map { "id:" + $0 }
    }

    /// ThreatLocker: `computerId`, which survives renames and moves between organizations;
    /// nil when the item has none.
    public static func threatLocker(_ computer: JSONValue) -> String? {
        computer["computerId"].nonBlankText
    }

    /// NinjaOne's hostname: `systemName`, else the first label of `dnsName`.
    public static func ninjaOneHostname(_ device: JSONValue) -> String? {
        device["systemName"].nonBlankText ?? firstLabel(of: device["dnsName"].nonBlankText)
    }

    /// The host part of a DNS name (`ws-01.corp.local` → `ws-01`).
    static func firstLabel(of dnsName: String?) -> String? {
        guard let label = dnsName?.split(separator: ".", omittingEmptySubsequences: true).first else { return nil }
        let trimmed = label.trimmedWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
