import InventoryRules
import PostgresClient

/// A collection the collector will not append although every request succeeded, because the
/// result would more likely be a fault than the truth.
public enum CollectionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source gave no devices at all. An MSP's fleet does not vanish overnight; an empty
    /// answer is far more often a revoked scope or a wrong organization, and appending it
    /// would make every device look retired. `--allow-empty` records it anyway.
    case noDevices(source: String)
    /// The source is another vendor's API (a caller's mistake, caught before any request).
    case sourceMismatch(vendor: Vendor, source: String)

    public var description: String {
        switch self {
        case .noDevices(let source) where source == "api":
            "suspicious: the API returned no devices; pass --allow-empty if that is real"
        case .noDevices:
            "suspicious: the capture file holds no devices; pass --allow-empty if that is real"
        case .sourceMismatch(let vendor, let source):
            "a \(vendor.vendorName) collection cannot read from \(source)"
        }
    }
}
