/// SplitMix64: a tiny generator whose output is fixed by its seed on every platform and
/// toolchain, so a simulated fleet is the same wherever the tests run.
///
/// The standard library's `random(in:using:)` algorithms are an implementation detail that
/// may change between releases; this type draws integers and probabilities itself.
struct StableRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one stream of decisions, keyed by every part that identifies it
    /// (fleet seed, purpose, seat, generation…).
    init(_ parts: UInt64...) { state = Self.hash(parts) }

    init(hashing parts: [UInt64]) { state = Self.hash(parts) }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_4761_CE4E_5B9D
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A well-mixed 64-bit hash of the parts, in order.
    static func hash(_ parts: [UInt64]) -> UInt64 {
        var value: UInt64 = 0x5EED_F1EE_7000_0001
        for part in parts { value = mix(value ^ part) }
        return value
    }

    /// The same hash without an array, for the per-seat, per-day decisions in hot loops.
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64 = 0) -> UInt64 {
        mix(mix(mix(mix(0x5EED_F1EE_7000_0001 ^ a) ^ b) ^ c) ^ d)
    }

    private static func mix(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_4761_CE4E_5B9D
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func unitInterval(_ value: UInt64) -> Double {
        Double(value >> 11) / Double(1 << 53)
    }

    /// An integer in the range; the modulo bias is irrelevant for a simulation.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func int(in range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A number in [0, 1).
    mutating func unit() -> Double { Self.unitInterval(next()) }

    mutating func chance(_ probability: Double) -> Bool {
        Self.unitInterval(next()) < probability
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(in: 0..<elements.count)]
    }

    /// Picks by relative weight.
    mutating func pick<Element>(weighted elements: [(Element, Double)]) -> Element {
        let total = elements.reduce(0) { $0 + $1.1 }
        var target = Self.unitInterval(next()) * total
        for (element, weight) in elements {
            if target < weight { return element }
            target -= weight
        }
        return elements[elements.count - 1].0
    }

    /// Upper-case hexadecimal digits, as in serial numbers and MAC addresses.
    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return String((0..<count).map { _ in digits[int(in: 0..<16)] })
    }

    /// An RFC 4122 version-4 shaped UUID, lower case, as both vendors print them.
    mutating func uuid() -> String {
        let raw = hex(32).lowercased()
        let characters = Array(raw)
        let variant = Array("89ab")[int(in: 0..<4)]
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-4" + String(characters[13..<16])
            + "-" + String(variant) + String(characters[17..<20]) + "-" + String(characters[20..<32])
    }
}
