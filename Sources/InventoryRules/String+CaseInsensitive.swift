import Foundation

extension String {
    /// Whether the text contains `word` (lowercase ASCII letters) in any case: on bytes when the
    /// text is ASCII, through Foundation's case-insensitive search otherwise. The rules ask this
    /// of every device's OS and names on every projected day; Foundation bridges each search
    /// through NSString on Linux.
    func containsIgnoringCase(_ word: String) -> Bool {
        var text = self
        let ascii = text.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let letters = Array(word.utf8)
            guard !letters.isEmpty else { return true }
            guard bytes.count >= letters.count else { return false }
            // `| 0x20` folds only A–Z onto a–z among the bytes that can equal a lowercase letter.
            for start in 0...(bytes.count - letters.count) where (0..<letters.count).allSatisfy({ bytes[start + $0] | 0x20 == letters[$0] }) {
                return true
            }
            return false
        }
        return ascii ?? (range(of: word, options: .caseInsensitive) != nil)
    }
}
