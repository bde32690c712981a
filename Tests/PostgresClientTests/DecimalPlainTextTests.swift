import Foundation
import PostgresClient
import Testing

@Suite("A decimal's plain text")
struct DecimalPlainTextTests {
    static let values: [Decimal] = [
        0, 1, -1, 10, 1200, Decimal(1588) / 100, Decimal(1580) / 100, Decimal(-5) / 10, Decimal(5) / 100, Decimal(1) / 3,
        Decimal(string: "0.000000000000000001")!, Decimal(string: "123456789012345678.25")!, Decimal(string: "1e3")!,
        Decimal(string: "-0.10")!, Decimal(UInt64.max), Decimal(UInt64.max) * 10, Decimal(string: "7.50")!,
        Decimal(17_179_869_184) / Decimal(1_073_741_824), Decimal(8_455_716_864) / Decimal(1_073_741_824),
        Decimal(sign: .plus, exponent: -2, significand: 1600), Decimal(sign: .plus, exponent: -2, significand: 1588),
        Decimal(sign: .minus, exponent: -2, significand: 1580),
    ]

    @Test("is what NSDecimalNumber writes, for integers, fractions, negatives, and mantissas past 64 bits", arguments: values)
    func matchesFoundation(_ value: Decimal) {
        #expect(value.plainText == NSDecimalNumber(decimal: value).stringValue)
    }

    @Test("memory sizes rounded to two places, as the mapping gives them")
    func roundedSizes() {
        for bytes in stride(from: 1_000_000_000, through: 140_000_000_000, by: 733_333_337) {
            var exact = Decimal(bytes) / Decimal(1_073_741_824)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 2, .plain)
            #expect(rounded.plainText == NSDecimalNumber(decimal: rounded).stringValue, "\(bytes) bytes")
        }
    }
}
