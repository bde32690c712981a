import Foundation

/// `timestamptz` text in the ISO form the session is set to (`DateStyle = ISO`, `TimeZone = UTC`).
public enum PostgresTimestamp {
    public static func format(_ date: Date) -> String {
        format(micros: micros(date))
    }

    /// Microseconds since 1970-01-01 UTC, rounded to the nearest: the precision `timestamptz` keeps.
    public static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Exact text for microseconds since 1970-01-01 UTC (no floating point involved).
    public static func format(micros totalMicros: Int64) -> String {
        var seconds = Int(totalMicros / 1_000_000)
        var micros = Int(totalMicros % 1_000_000)
        if micros < 0 { micros += 1_000_000; seconds -= 1 }
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let day = CalendarDate(daysSinceEpoch: days)
        let fraction = String(micros)
        return "\(day) \(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60))."
            + String(repeating: "0", count: 6 - fraction.count) + fraction + "+00"
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff]+HH[:MM]` as the server prints it.
    public static func parse(_ text: String) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 19, let day = CalendarDate(String(decoding: utf8[0..<10], as: UTF8.self)) else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: utf8[range], as: UTF8.self)) }
        guard let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return nil }
        var index = 19
        var fraction = 0.0
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            let start = index
            index += 1
            while index < utf8.count, utf8[index] >= 0x30, utf8[index] <= 0x39 { index += 1 }
            fraction = Double(String(decoding: utf8[start..<index], as: UTF8.self)) ?? 0
        }
        var offsetSeconds = 0
        if index < utf8.count, utf8[index] == UInt8(ascii: "+") || utf8[index] == UInt8(ascii: "-") {
            let sign = utf8[index] == UInt8(ascii: "-") ? -1 : 1
            let zone = String(decoding: utf8[(index + 1)...], as: UTF8.self).split(separator: ":").compactMap { Int($0) }
            offsetSeconds = sign * ((zone.first ?? 0) * 3600 + (zone.dropFirst().first ?? 0) * 60 + (zone.dropFirst(2).first ?? 0))
        }
        let seconds = day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
