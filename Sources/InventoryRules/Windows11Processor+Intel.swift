import Foundation

extension Windows11Processor {
    static func intelSupported(_ tokens: [String]) -> Bool {
        if tokens.contains("xeon") { return xeonSupported(words(after: "xeon", in: tokens)) }
        if tokens.contains(where: { ["celeron", "pentium", "atom"].contains($0) }) { return false }
        let afterCore = Array(words(after: "core", in: tokens))
        if afterCore.first == "ultra" { return true }
        if let brand = afterCore.first, ["3", "5", "7", "9"].contains(brand),
            let model = afterCore.dropFirst().first, leadingDigits(model).count == 3
        {
            return true  // Core 5 120U, Core 7 150U: the post-13th-generation brand
        }
        for token in tokens {
            if let generation = coreGeneration(token) { return generation >= 8 }
        }
        // Intel N-series: N95, N100, N200, and the Core i3-N305 …
        return tokens.contains { token in
            let model = token.hasPrefix("i3-n") ? token.dropFirst(3) : Substring(token)
            return model.hasPrefix("n") && (2...3).contains(leadingDigits(model.dropFirst()).count) && model.count <= 5
        }
    }

    /// The generation of a Core model token like `i7-8550u`, `i5-1135g7`, `i9-12900k` or
    /// `m3-8100y`; nil for any other token.
    ///
    /// Five digits: the first two (`12700` → 12). Four digits starting 10–14: the first two
    /// (`1135` → 11, `1235` → 12). Other four digits: the first (`8550` → 8). Three digits are
    /// the first generation (`i7-920`); one or two digits the first (`m3-7y30` → 7).
    static func coreGeneration(_ token: String) -> Int? {
        let characters = Array(token)
        guard characters.count > 3, characters[0] == "i" || characters[0] == "m",
            characters[1].isNumber, characters[2] == "-"
        else { return nil }
        let digits = leadingDigits(token.dropFirst(3))
        switch digits.count {
        case 5: return Int(digits.prefix(2))
        case 4:
            let firstTwo = Int(digits.prefix(2)) ?? 0
            return (10...14).contains(firstTwo) ? firstTwo : Int(digits.prefix(1))
        case 3: return 1
        case 1, 2: return Int(digits.prefix(1))
        default: return nil
        }
    }

    /// Xeon models by family; see the type's documentation.
    static func xeonSupported(_ words: ArraySlice<String>) -> Bool {
        for (offset, word) in zip(words.indices, words) {
            if word.hasPrefix("e-2") || word.hasPrefix("w-1") { return true }
            if word.hasPrefix("w-2") || word.hasPrefix("w-3") { return secondDigit(of: word.dropFirst(2)) >= 2 }
            if word.count > 3, word.hasPrefix("w"), word.dropFirst().first?.isNumber == true, word.dropFirst(2).first == "-" {
                return true  // w5-2445, w9-3495X: Sapphire Rapids and later
            }
            if ["bronze", "silver", "gold", "platinum"].contains(word), offset + 1 < words.endIndex {
                return secondDigit(of: words[offset + 1]) >= 2
            }
        }
        return false
    }

    /// The second digit of a four-digit model number (`6230` → 2); 0 when there is none.
    static func secondDigit(of model: some StringProtocol) -> Int {
        let digits = leadingDigits(model)
        guard digits.count == 4 else { return 0 }
        return Int(String(Array(digits)[1])) ?? 0
    }
}
