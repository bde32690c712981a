import Foundation
import InventoryJSON

/// The two timestamp encodings the vendors use, parsed without locale- or zone-dependent
/// formatters so a replay gives the same instants on any machine.
enum VendorTimestamp {
    /// NinjaOne's epoch seconds (possibly fractional). A value too large to be seconds (after
    /// the year 5000) is taken as milliseconds, which some NinjaOne endpoints return.
    static func epochSeconds(_ value: JSONValue?) -> Date? {
        guard let seconds = value?.doubleValue, seconds.isFinite, seconds > 0 else { return nil }
        return Date(timeIntervalSince1970: seconds > 100_000_000_000 ? seconds / 1000 : seconds)
    }

    /// ThreatLocker's ISO 8601: `YYYY-MM-DD`, optionally `T` (or a space) `hh:mm[:ss[.fff…]]`
    /// and a zone `Z`, `±hh:mm` or `±hhmm`. A time without a zone is UTC, as ThreatLocker's
    /// portal API reports it.
    static func iso8601(_ text: String?) -> Date? {
        guard let text else { return nil }
        var scanner = DigitScanner(Array(text.trimmedWhitespace().utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(daysSinceEpoch(year: year, month: month, day: day) * 86_400)
        if scanner.atEnd { return Date(timeIntervalSince1970: seconds) }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
            let hour = scanner.number(digits: 2), scanner.skip(":"),
            let minute = scanner.number(digits: 2), hour < 24, minute < 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if scanner.skip(":") {
            guard let second = scanner.number(digits: 2), second <= 60 else { return nil }
            seconds += Double(second)
            if scanner.skip(".") || scanner.skip(",") {
                guard let fraction = scanner.fraction() else { return nil }
                seconds += fraction
            }
        }
        if scanner.atEnd || scanner.skip("Z") || scanner.skip("z") {
            return scanner.atEnd ? Date(timeIntervalSince1970: seconds) : nil
        }
        let sign: Double
        if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
        guard let zoneHours = scanner.number(digits: 2) else { return nil }
        _ = scanner.skip(":")
        let zoneMinutes = scanner.number(digits: 2) ?? 0
        guard scanner.atEnd else { return nil }
        return Date(timeIntervalSince1970: seconds - sign * Double(zoneHours * 3600 + zoneMinutes * 60))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A cursor over ASCII bytes for the timestamp parser.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
        index += 1
        return true
    }

    /// Exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    /// One or more digits read as a fraction of a second (parsed as one decimal literal, so
    /// `.123` is exactly the `Double` nearest 0.123).
    mutating func fraction() -> Double? {
        let start = index
        while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        return Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
    }
}
