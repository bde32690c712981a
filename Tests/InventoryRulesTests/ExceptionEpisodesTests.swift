import Foundation
import InventoryJSON
import InventoryRules
import Testing

@Suite("Exception episodes")
struct ExceptionEpisodesTests {
    typealias Episode = ExceptionEpisode<String>

    static func finding(_ type: ExceptionType, _ key: String, note: String = "") -> ExceptionFinding {
        ExceptionFinding(type: type, key: Fixtures.key(key), details: ["day": .string(note)])
    }

    static let resolvedAt = Date(timeIntervalSince1970: 1_741_000_000)

    @Test("a new finding opens an episode found and last seen on that day")
    func open() throws {
        let transition = ExceptionEpisodes.advance(open: [Episode](), comparedOn: "2025-03-01",
                                                   findings: [Self.finding(.missingNinja, "ws-99", note: "first")])
        #expect(transition.continued.isEmpty && transition.cleared.isEmpty)
        let episode = try #require(transition.opened.first)
        #expect(transition.opened.count == 1)
        #expect(episode.type == .missingNinja && episode.key == Fixtures.key("ws-99"))
        #expect(episode.dateFound == "2025-03-01" && episode.lastSeenDate == "2025-03-01")
        #expect(episode.details == ["day": "first"])
        #expect(episode.isOpen && !episode.resolved && episode.resolution == nil)
    }

    @Test("the same condition on a later day continues the episode with the newest details")
    func continues() throws {
        let first = ExceptionEpisodes.advance(open: [Episode](), comparedOn: "2025-03-01", findings: [Self.finding(.siteMismatch, "ws-01", note: "1")])
        let second = ExceptionEpisodes.advance(open: first.open, comparedOn: "2025-03-02", findings: [Self.finding(.siteMismatch, "ws-01", note: "2")])
        #expect(second.opened.isEmpty && second.cleared.isEmpty)
        let episode = try #require(second.continued.first)
        #expect(episode.dateFound == "2025-03-01")
        #expect(episode.lastSeenDate == "2025-03-02")
        #expect(episode.details == ["day": "2"])
    }

    @Test("an episode whose condition is absent on a later compared day closes as cleared")
    func clears() throws {
        let first = ExceptionEpisodes.advance(open: [Episode](), comparedOn: "2025-03-01", findings: [Self.finding(.missingThreatLocker, "ws-02")])
        let second = ExceptionEpisodes.advance(open: first.open, comparedOn: "2025-03-02", findings: [])
        #expect(second.open.isEmpty)
        let episode = try #require(second.cleared.first)
        #expect(episode.resolution == .cleared && episode.resolved)
        #expect(episode.clearedOn == "2025-03-02")
        #expect(episode.lastSeenDate == "2025-03-01")
        #expect(episode.resolvedBy == nil && episode.resolvedAt == nil)
    }

    @Test("a recurrence after a clear opens a new episode with its own date found")
    func recurs() throws {
        var open = [Episode]()
        var history: [Episode] = []
        for (day, present) in [("2025-03-01", true), ("2025-03-02", false), ("2025-03-03", true)] {
            let transition = ExceptionEpisodes.advance(open: open, comparedOn: day,
                                                       findings: present ? [Self.finding(.spareMismatch, "ws-03")] : [])
            history += transition.opened + transition.cleared
            open = transition.open
        }
        #expect(history.map(\.dateFound) == ["2025-03-01", "2025-03-01", "2025-03-03"])
        #expect(history.map(\.resolution) == [nil, .cleared, nil])
        #expect(open.map(\.dateFound) == ["2025-03-03"])
    }

    @Test("a resolution closes the open episode of its type and key, recording who, when and why")
    func resolves() throws {
        let day = ExceptionEpisodes.advance(open: [Episode](), comparedOn: "2025-03-01",
                                            findings: [Self.finding(.missingNinja, "ws-99"), Self.finding(.missingNinja, "ws-98")])
        let resolution = ExceptionResolution(type: .missingNinja, key: Fixtures.key("ws-99"), resolvedBy: "jdoe",
                                             resolvedAt: Self.resolvedAt, note: "decommissioned")
        let outcome = ExceptionEpisodes.resolve(resolution, open: day.open)
        let resolved = try #require(outcome.resolved)
        #expect(resolved.resolution == .resolved && resolved.resolved)
        #expect(resolved.resolvedBy == "jdoe" && resolved.resolvedAt == Self.resolvedAt && resolved.note == "decommissioned")
        #expect(resolved.dateFound == "2025-03-01")
        #expect(outcome.open.map(\.key) == [Fixtures.key("ws-98")])
    }

    @Test("a resolution without a matching open episode changes nothing")
    func resolveNothing() {
        let day = ExceptionEpisodes.advance(open: [Episode](), comparedOn: "2025-03-01", findings: [Self.finding(.missingNinja, "ws-99")])
        let wrongType = ExceptionResolution(type: .duplicateThreatLocker, key: Fixtures.key("ws-99"), resolvedBy: "jdoe", resolvedAt: Self.resolvedAt)
        let outcome = ExceptionEpisodes.resolve(wrongType, open: day.open)
        #expect(outcome.resolved == nil)
        #expect(outcome.open == day.open)
    }

    @Test("a condition still present after its resolution is a recurrence: a new episode opens")
    func recurrenceAfterResolution() throws {
        let day1 = ExceptionEpisodes.advance(open: [Episode](), comparedOn: "2025-03-01", findings: [Self.finding(.missingNinja, "ws-99")])
        let resolution = ExceptionResolution(type: .missingNinja, key: Fixtures.key("ws-99"), resolvedBy: "jdoe", resolvedAt: Self.resolvedAt)
        let afterResolution = ExceptionEpisodes.resolve(resolution, open: day1.open)
        let day2 = ExceptionEpisodes.advance(open: afterResolution.open, comparedOn: "2025-03-02", findings: [Self.finding(.missingNinja, "ws-99")])
        #expect(day2.continued.isEmpty && day2.cleared.isEmpty)
        #expect(day2.opened.map(\.dateFound) == ["2025-03-02"])
    }

    @Test("conditions are tracked per type and key, and closed episodes passed in are ignored")
    func independentConditions() {
        let closed = Episode(type: .siteMismatch, key: Fixtures.key("ws-01"), dateFound: "2025-02-01", lastSeenDate: "2025-02-03",
                             details: [:], resolution: .cleared, clearedOn: "2025-02-04")
        let open = Episode(type: .displayNameMismatch, key: Fixtures.key("ws-01"), dateFound: "2025-03-01", lastSeenDate: "2025-03-01", details: [:])
        let transition = ExceptionEpisodes.advance(open: [closed, open], comparedOn: "2025-03-02",
                                                   findings: [Self.finding(.siteMismatch, "ws-01"), Self.finding(.displayNameMismatch, "ws-01")])
        #expect(transition.continued.map(\.type) == [.displayNameMismatch])
        #expect(transition.opened.map(\.type) == [.siteMismatch])
        #expect(transition.opened.first?.dateFound == "2025-03-02")
        #expect(transition.cleared.isEmpty)
        #expect(transition.open.map(\.type) == [.displayNameMismatch, .siteMismatch])
    }
}
