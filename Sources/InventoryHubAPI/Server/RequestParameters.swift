import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
import Logging
import PostgresClient

/// The query string of a request, read with the API's rules: an unknown value, an impossible
/// date or a number out of range is a 400 naming the parameter, never a 500 and never ignored.
struct RequestParameters {
    let query: [String: String]

    /// Decoded as HTML forms send them: `+` is a space, then percent escapes; a repeated
    /// parameter keeps its last value.
    init(_ request: Request) {
        var values: [String: String] = [:]
        for (name, value) in FormEncoded.pairs(request.uri.query ?? "") { values[name] = value }
        query = values
    }

    func text(_ name: String, maxLength: Int = 200) throws -> String? {
        guard let raw = query[name] else { return nil }
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return nil }
        guard value.count <= maxLength else { throw APIError.badParameter(name, "at most \(maxLength) characters") }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0 }) else {
            throw APIError.badParameter(name, "control characters are not allowed")
        }
        return value
    }

    func date(_ name: String) throws -> CalendarDate? {
        guard let raw = try text(name, maxLength: 10) else { return nil }
        guard let date = CalendarDate(raw), date.description == raw else {
            throw APIError.badParameter(name, "'\(raw)' is not a date like 2025-03-31")
        }
        return date
    }

    func vendor(_ name: String = "vendor") throws -> Vendor? {
        guard let raw = try text(name, maxLength: 20) else { return nil }
        guard let vendor = Vendor(apiName: raw) else { throw APIError.badParameter(name, "must be ninja or threatlocker, not '\(raw)'") }
        return vendor
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let raw = try text(name, maxLength: 40) else { return nil }
        guard let value = T(rawValue: raw) else {
            throw APIError.badParameter(name, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw)'")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let raw = try text(name, maxLength: 5) else { return nil }
        switch raw.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badParameter(name, "must be true or false, not '\(raw)'")
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = try text(name, maxLength: 12) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw APIError.badParameter(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'")
        }
        return value
    }

    /// `limit` (default 100, at most 1000) and `offset`.
    func page() throws -> ListPage {
        ListPage(limit: try integer("limit", in: 1...1000) ?? 100, offset: try integer("offset", in: 0...10_000_000) ?? 0)
    }

    /// `from`/`to` with from ≤ to.
    func dateRange() throws -> (from: CalendarDate?, to: CalendarDate?) {
        let from = try date("from"), to = try date("to")
        if let from, let to, from > to { throw APIError.badParameter("from", "\(from) is after to (\(to))") }
        return (from, to)
    }

    var wantsCSV: Bool { query["format"]?.lowercased() == "csv" }

    func format() throws -> ResponseFormat {
        try choice("format", ResponseFormat.self) ?? .json
    }
}

enum ResponseFormat: String, CaseIterable {
    case json, csv, xlsx
}

extension Vendor {
    /// `ninja` or `threatlocker`, the API's and the CLI's spelling.
    init?(apiName: String) {
        switch apiName.lowercased() {
        case "ninja", "ninjaone": self = .ninja
        case "threatlocker": self = .threatLocker
        default: return nil
        }
    }

    var apiName: String { self == .ninja ? "ninja" : "threatlocker" }
}

extension Parameters {
    /// A path segment, percent-decoded; control characters are a bad parameter.
    func segment(_ name: String) throws -> String {
        guard let raw = self.get(name) else { throw APIError.notFound("no such route") }
        guard let value = raw.removingPercentEncoding else { throw APIError.badParameter(name, "is not valid percent-encoded UTF-8") }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw APIError.badParameter(name, "control characters are not allowed")
        }
        return value
    }
}
