import Foundation

extension Windows11Processor {
    static func amdSupported(_ tokens: [String]) -> Bool {
        if tokens.contains("ryzen") { return ryzenSupported(words(after: "ryzen", in: tokens)) }
        if tokens.contains("athlon") {
            let words = words(after: "athlon", in: tokens)
            if words.contains("gold") || words.contains("silver") { return true }
            return words.contains { model in
                let digits = leadingDigits(model)
                return digits.count == 4 && (digits.first.flatMap { Int(String($0)) } ?? 0) >= 3
            }
        }
        if tokens.contains("epyc") {
            return words(after: "epyc", in: tokens).contains { model in
                let digits = leadingDigits(model)
                return digits.count == 4 && (digits.last.flatMap { Int(String($0)) } ?? 0) >= 2
            }
        }
        return false
    }

    /// Ryzen: AI and Z brands are current; otherwise the series is the first digit of the
    /// first four-digit model number (`3600` → 3, `5850u` → 5, `1700` → 1).
    static func ryzenSupported(_ words: ArraySlice<String>) -> Bool {
        if words.first == "ai" { return true }
        if let brand = words.first, brand.hasPrefix("z"), brand.dropFirst().first?.isNumber == true { return true }
        for word in words {
            let digits = leadingDigits(word)
            if digits.count == 4, let series = Int(String(digits.prefix(1))) { return series >= 2 }
        }
        return false
    }
}
