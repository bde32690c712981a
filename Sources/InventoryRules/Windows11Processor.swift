import Foundation

/// Whether a processor model string names a CPU that Windows 11 24H2 supports.
///
/// Microsoft publishes the supported models as long lists; this encodes them as rules on the
/// model number, because NinjaOne reports the CPU brand string (`Intel(R) Core(TM)
/// i7-8550U CPU @ 1.80GHz`), not a list key:
/// - **Intel Core** i3/i5/i7/i9 and m3/m5/m7: 8th generation or later, the generation read
///   from the model number (`8550U` → 8, `1135G7` → 11, `12700K` → 12, `7700` → 7).
///   Core Ultra and the Core 3/5/7/9 (series 1 and later) brands are supported.
///   Intel N-series (`N100`, `N200`, Core `i3-N305`) is supported; Celeron, Pentium and Atom are not
///   judged by model and count as unsupported (few are supported; check them by hand).
/// - **Intel Xeon**: E-2xxx, W-1xxx, W-2x2x/W-3x2x and later (second digit ≥ 2), the
///   w3/w5/w7/w9 brands, and Bronze/Silver/Gold/Platinum 2nd generation or later (second digit
///   of the model ≥ 2). E3/E5/E7 and first-generation Scalable/W models are unsupported.
/// - **AMD Ryzen** (including PRO and Threadripper): the 2000 series or later, by the first
///   digit of the four-digit model. The whole 2000 series counts, including the Zen-based
///   2x00U/G APUs (Ryzen 3 2200G), which Microsoft lists; Ryzen 1000 is unsupported. Ryzen AI
///   and Ryzen Z are supported. Athlon Gold/Silver and Athlon 3000 are supported, other
///   Athlons not. EPYC 2nd generation or later (last model digit ≥ 2).
/// - **Qualcomm Snapdragon** and Microsoft SQ: supported.
/// - Anything else (virtual CPUs, older brands) is unsupported; a missing model is unknown.
public enum Windows11Processor {
    /// `unknown` only when no model was reported: an unrecognized model is `unsupported`.
    public enum Support: Sendable, Hashable {
        case supported
        case unsupported
        case unknown
    }

    /// Judges a CPU brand string as NinjaOne reports it (`processors[0].name`). A fleet has a
    /// few hundred distinct models at most and every device is judged on every projected day,
    /// so each model's answer is kept (`SupportMemo`).
    public static func support(for model: String?) -> Support {
        guard let model else { return .unknown }
        if let known = SupportMemo.shared.answer(for: model) { return known }
        let answer = judge(model)
        SupportMemo.shared.remember(answer, for: model)
        return answer
    }

    static func judge(_ model: String) -> Support {
        guard !model.allSatisfy(\.isWhitespace) else { return .unknown }
        let tokens = tokens(of: model)
        let supported: Bool
        if tokens.contains("snapdragon") || tokens.contains("qualcomm") || tokens.contains(where: { $0.hasPrefix("sq") && $0.dropFirst(2).allSatisfy(\.isNumber) && $0.count > 2 }) {
            supported = true
        } else if tokens.contains(where: { ["ryzen", "athlon", "epyc"].contains($0) }) {
            supported = amdSupported(tokens)
        } else if tokens.contains("intel") || tokens.contains("core") || tokens.contains("xeon") {
            supported = intelSupported(tokens)
        } else {
            supported = false
        }
        return supported ? .supported : .unsupported
    }

    /// Lowercased words with the trademark marks removed: `Intel(R) Core(TM) i7-8550U` →
    /// `intel`, `core`, `i7-8550u`.
    /// One pass over the characters (every device's CPU is judged on every projected day).
    static func tokens(of model: String) -> [String] {
        let characters = Array(model.lowercased())
        var tokens: [String] = []
        var current = ""
        var index = 0
        func mark(_ text: String) -> Bool {
            guard characters[index...].starts(with: text) else { return false }
            index += text.count
            return true
        }
        while index < characters.count {
            let character = characters[index]
            let isSeparator: Bool
            if character == "(" {
                isSeparator = mark("(r)") || mark("(tm)")
            } else if character == "®" || character == "™" || character == "," || character.isWhitespace {
                isSeparator = true
                index += 1
            } else {
                isSeparator = false
            }
            if isSeparator {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
                index += 1
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The leading ASCII digits of a token (`5850u` → `5850`).
    static func leadingDigits(_ token: some StringProtocol) -> String {
        String(token.prefix { $0.isASCII && $0.isNumber })
    }

    /// The words after `word`, or an empty list when it does not occur.
    static func words(after word: String, in tokens: [String]) -> ArraySlice<String> {
        guard let index = tokens.firstIndex(of: word) else { return [] }
        return tokens[(index + 1)...]
    }
}

/// `Windows11Processor.support(for:)`'s answers by model, shared by the mapping threads under a
/// lock; emptied when it holds more models than any fleet has, so memory stays bounded.
final class SupportMemo: @unchecked Sendable {
    static let shared = SupportMemo()
    private static let capacity = 4_096
    private let lock = NSLock()
    private var answers: [String: Windows11Processor.Support] = [:]

    func answer(for model: String) -> Windows11Processor.Support? {
        lock.withLock { answers[model] }
    }

    func remember(_ answer: Windows11Processor.Support, for model: String) {
        lock.withLock {
            if answers.count >= Self.capacity { answers.removeAll(keepingCapacity: true) }
            answers[model] = answer
        }
    }
}
