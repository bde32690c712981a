import Foundation
import InventoryJSON

/// Field readers the vendor mappings share. Vendors send nulls, empty strings and numbers as
/// strings where a value is missing or oddly typed; all of that reads as nil, never a crash.
extension JSONValue {
    /// Text of a string, number or boolean, trimmed; nil when missing or blank.
    var nonBlankText: String? {
        guard let text = textValue?.trimmedWhitespace(), !text.isEmpty else { return nil }
        return text
    }
}

extension Optional where Wrapped == JSONValue {
    var nonBlankText: String? { self?.nonBlankText }
    var intValue: Int? { self?.intValue }
    var boolValue: Bool? { self?.boolValue }
    var doubleValue: Double? { self?.doubleValue }
}
