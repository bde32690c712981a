import Foundation
import InventoryJSON

/// Recognizes Windows releases that are already 24H2 or later, which need no assessment.
enum Windows11Release {
    /// 24H2 or later when the release id is `YYH1`/`YYH2` at or after `24H2`, or the build is
    /// 26100 (24H2's build) or higher. Builds are read from `26100`, `26100.2605` or
    /// `10.0.26100` alike.
    static func isAtLeast24H2(releaseId: String?, build: String?) -> Bool {
        if let release = halfYear(releaseId), release >= (24, 2) { return true }
        if let number = buildNumber(build), number >= 26_100 { return true }
        return false
    }

    /// `24H2` → (24, 2); nil for anything else (including the old `2009`-style ids).
    static func halfYear(_ releaseId: String?) -> (Int, Int)? {
        guard let text = releaseId?.uppercased().trimmedWhitespace() else { return nil }
        let parts = text.split(separator: "H", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, let year = Int(parts[0]), let half = Int(parts[1]), (1...2).contains(half) else {
            return nil
        }
        return (year, half)
    }

    /// The build number: the third component of `10.0.BUILD`, else the first component.
    static func buildNumber(_ build: String?) -> Int? {
        guard let text = build?.trimmedWhitespace(), !text.isEmpty else { return nil }
        let parts = text.split(separator: ".").map(String.init)
        if parts.count >= 3, parts[0] == "10" || parts[0] == "6" { return Int(parts[2]) }
        return Int(parts[0])
    }
}
