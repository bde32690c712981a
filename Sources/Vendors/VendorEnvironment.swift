import Foundation

/// Reads a vendor's settings from environment variables, naming the variable in every error.
struct VendorEnvironment {
    let vendor: VendorName
    let values: [String: String]

    /// The value with surrounding whitespace removed; nil when unset or blank.
    func optional(_ name: String) -> String? {
        guard let raw = values[name] else { return nil }
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    func required(_ name: String) throws(VendorError) -> String {
        guard let value = optional(name) else { throw VendorError(vendor: vendor, reason: .missingSetting(name)) }
        return value
    }

    /// An http(s) base URL; `fallback` when unset, required when there is no fallback.
    func url(_ name: String, default fallback: String? = nil) throws(VendorError) -> String {
        guard let value = optional(name) ?? fallback else { throw VendorError(vendor: vendor, reason: .missingSetting(name)) }
        let lower = value.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), value.count > 8 else {
            throw VendorError(vendor: vendor, reason: .invalidSetting(name, "must be an http:// or https:// URL"))
        }
        return value
    }
}
