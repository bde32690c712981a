import Foundation
import InventoryJSON
import InventoryRules
import Testing

@Suite("Exception history fold")
struct ExceptionHistoryTests {
    static let key = CanonicalKey("ws-acme-0001")!

    static func finding(_ type: ExceptionType = .missingThreatLocker) -> ExceptionFinding {
        ExceptionFinding(type: type, key: key, details: ["day": "x"])
    }

    /// Days 1…n; `present` says on which days the condition holds.
    static func days(_ present: [Bool]) -> [(day: Int, findings: [ExceptionFinding])] {
        present.enumerated().map { (day: $0.offset + 1, findings: $0.element ? [finding()] : []) }
    }

    @Test("found, continued, cleared and found again gives two episodes", arguments: [
        ([true, true, false, true], [(1, 2, "cleared"), (4, 4, nil)]),
        ([false, true, true, true], [(2, 4, nil)]),
        ([true, false, true, false], [(1, 1, "cleared"), (3, 3, "cleared")]),
        ([false, false], []),
    ] as [([Bool], [(Int, Int, String?)])])
    func episodes(present: [Bool], expected: [(Int, Int, String?)]) {
        let episodes = ExceptionHistory.fold(days: Self.days(present), resolutions: [])
        #expect(episodes.count == expected.count)
        for (episode, (found, last, resolution)) in zip(episodes, expected) {
            #expect(episode.dateFound == found)
            #expect(episode.lastSeenDate == last)
            #expect(episode.resolution?.rawValue == resolution)
        }
    }

    @Test("a resolution holds while the condition persists, and a recurrence after it cleared is new")
    func resolution() {
        let resolved = ExceptionHistory.Resolution(
            type: .missingThreatLocker, key: Self.key, dateFound: 1, resolvedBy: "tech", resolvedAt: Date(timeIntervalSince1970: 0), note: "spare")
        let episodes = ExceptionHistory.fold(days: Self.days([true, true, true, false, true]), resolutions: [resolved])
        #expect(episodes.count == 2)
        #expect(episodes[0].resolution == .resolved && episodes[0].lastSeenDate == 3 && episodes[0].resolvedBy == "tech")
        #expect(episodes[1].dateFound == 5 && episodes[1].isOpen)
    }

    @Test("the order of the days given does not matter")
    func orderIndependent() {
        let days = Self.days([true, false, true, true])
        #expect(ExceptionHistory.fold(days: days, resolutions: []) == ExceptionHistory.fold(days: days.reversed(), resolutions: []))
    }

    @Test("a resolution naming no episode changes nothing")
    func strayResolution() {
        let stray = ExceptionHistory.Resolution(
            type: .duplicateThreatLocker, key: Self.key, dateFound: 1, resolvedBy: "tech", resolvedAt: Date(), note: nil)
        let episodes = ExceptionHistory.fold(days: Self.days([true]), resolutions: [stray])
        #expect(episodes.count == 1 && episodes[0].isOpen)
    }
}
