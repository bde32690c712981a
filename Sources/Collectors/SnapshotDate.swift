import Foundation
import PostgresClient

/// The snapshot date a collection belongs to: a day in the MSP's time zone, not the server's
/// or UTC, so the 02:10 run in Chicago records "today" there whatever the machine's clock zone.
public enum SnapshotDate {
    /// The environment variable naming the MSP's time zone.
    public static let timeZoneVariable = "INVENTORY_HUB_TZ"
    /// The original system's zone.
    public static let defaultTimeZone = "America/Chicago"

    /// Today in `INVENTORY_HUB_TZ` (default America/Chicago).
    public static func today(
        environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()
    ) throws(SnapshotDateError) -> CalendarDate {
        let configured = environment[timeZoneVariable]?.trimmingCharacters(in: .whitespaces) ?? ""
        let identifier = configured.isEmpty ? defaultTimeZone : configured
        guard let zone = TimeZone(identifier: identifier) else { throw .unknownTimeZone(identifier) }
        return CalendarDate(now, in: zone)
    }

    /// A `--date` value: a real calendar day written `YYYY-MM-DD`.
    public static func parse(_ text: String) throws(SnapshotDateError) -> CalendarDate {
        guard let date = CalendarDate(text.trimmingCharacters(in: .whitespaces)) else { throw .notADate(text) }
        return date
    }
}

/// Why no snapshot date could be decided.
public enum SnapshotDateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `INVENTORY_HUB_TZ` names no zone this system knows.
    case unknownTimeZone(String)
    /// A `--date` that is not a real `YYYY-MM-DD` day.
    case notADate(String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name):
            "\(SnapshotDate.timeZoneVariable) is \"\(name)\", which is not a time zone name such as America/Chicago"
        case .notADate(let text):
            "\"\(text)\" is not a calendar date written YYYY-MM-DD"
        }
    }
}
