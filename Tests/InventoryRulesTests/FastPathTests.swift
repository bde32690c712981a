import Foundation
import InventoryJSON
@testable import InventoryRules
import Testing

/// The byte-level fast paths of rules that run for every device on every projected day agree
/// with the definitions they shortcut, on every input.
@Suite("Fast paths agree with their definitions")
struct FastPathTests {
    /// Deterministic pseudo-random names over an alphabet with the cases that matter: cut
    /// characters, every ASCII white space, CR LF, control bytes, non-ASCII letters (a Kelvin
    /// sign lowercases to ASCII `k`) and long names.
    static func names(count: Int) -> [String] {
        let alphabet = Array("aZ09-_ |.\t\n\r\u{0B}\u{0C}\u{01}\u{1F}é\u{212A}İxyzWS") + ["\r\n"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in String((0..<(next() % 24)).map { _ in alphabet[next() % alphabet.count] }) }
            + ["", " ", "WS-01", "  Ws-01 | Bob", "ws-01.corp.local", "ABCDEFGHIJKLMNOP QRS", "ABCDEFGHIJKLMN OP", "\t\n", "a\r\nb", "KELVIN\u{212A}"]
    }

    @Test("CanonicalKey on bytes equals the Unicode rule for 20,000 names")
    func canonicalKey() {
        var fast = 0
        for name in Self.names(count: 20_000) {
            #expect(CanonicalKey(name)?.value == CanonicalKey.generalKey(name), "\(name.debugDescription)")
            if CanonicalKey.asciiKey(name) != nil { fast += 1 }
        }
        #expect(fast > 5_000)
    }

    @Test("the Windows check on bytes equals Foundation's case-insensitive search")
    func namesWindows() {
        let names = Self.names(count: 5_000).map { $0 + ["", "Windows 11 Pro", "WINDOWS", "wInDoWs", "Microsoft Windows Server", "windo ws", "Wíndows", "macOS"][$0.count % 8] }
        for name in names {
            #expect(ExceptionRules.namesWindows(name) == (name.range(of: "windows", options: .caseInsensitive) != nil), "\(name.debugDescription)")
        }
        #expect(names.contains { ExceptionRules.namesWindows($0) })
        for word in ["spare", "server", "windows", "x"] {
            for name in names + ["SPARE laptop", "Spare", "spar e", "Windows Server 2022", "SeRvEr"] {
                #expect(name.containsIgnoringCase(word) == (name.range(of: word, options: .caseInsensitive) != nil), "\(word) in \(name.debugDescription)")
            }
        }
    }

    @Test("memory in GiB from whole bytes equals the Decimal quotient rounded half up, ties included")
    func gibibytes() {
        let gib = 1 << 30
        var samples = [0, 1, gib, gib / 200, gib / 200 - 1, gib / 200 + 1, 8 * gib - 1, 17_179_869_184, 16_777_216_000, Int.max / 100 - (1 << 29)]
        for hundredths in stride(from: 0, to: 200_000, by: 37) {
            // Exactly on a tie (.xx5), and one byte either side of it.
            let tie = (2 * hundredths + 1) * (gib / 200)
            samples += [tie - 1, tie, tie + 1, hundredths * gib / 100]
        }
        for bytes in samples {
            let fast = NinjaOneMapping.gibibytes(JSONValue(bytes))
            #expect(fast == NinjaOneMapping.roundedGibibytes(Decimal(bytes)), "\(bytes) bytes")
        }
        #expect(NinjaOneMapping.gibibytes(JSONValue(-1)) == nil)
    }

    @Test("the processor memo gives what judging the model gives")
    func processorMemo() {
        let models = ["Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz", "Intel(R) Core(TM) i5-7200U", "AMD Ryzen 5 3600", "Snapdragon X Elite", "  ", "Pentium"]
        for _ in 0..<3 {
            for model in models { #expect(Windows11Processor.support(for: model) == Windows11Processor.judge(model), "\(model)") }
        }
    }
}
