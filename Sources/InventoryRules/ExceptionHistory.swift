import Foundation
import InventoryJSON

/// Folds the findings of every compared day, and the technicians' resolutions, into the
/// episodes of the `exceptions` read model. Because it starts from the whole history each time,
/// a late correction of an old day, a rebuild and a replay all give the same episodes.
///
/// Rules: a condition found on a compared day with no current episode opens one; found again on
/// the next compared day, the episode continues (`lastSeenDate`, details of the newest day);
/// absent on a compared day, the episode ends — as `cleared` unless a technician resolved it.
/// A resolution names its episode by (type, key, dateFound) and marks it `resolved` for good:
/// it stays resolved while the condition persists, and only a recurrence after the condition
/// cleared opens a new, unresolved episode.
public enum ExceptionHistory {
    /// A resolution as recorded in an `exception_resolved` event.
    public struct Resolution<Day: Hashable & Sendable>: Sendable, Hashable {
        public var type: ExceptionType
        public var key: CanonicalKey
        public var dateFound: Day
        public var resolvedBy: String
        public var resolvedAt: Date
        public var note: String?

        public init(type: ExceptionType, key: CanonicalKey, dateFound: Day, resolvedBy: String, resolvedAt: Date, note: String?) {
            self.type = type
            self.key = key
            self.dateFound = dateFound
            self.resolvedBy = resolvedBy
            self.resolvedAt = resolvedAt
            self.note = note
        }
    }

    private struct Condition: Hashable {
        let type: ExceptionType
        let key: CanonicalKey
    }

    /// - Parameters:
    ///   - days: each compared day with its findings; any order (sorted here).
    ///   - resolutions: in ledger order; the first resolution of an episode wins.
    /// - Returns: every episode, sorted by (dateFound, type, key).
    public static func fold<Day: Comparable & Hashable & Sendable>(
        days: [(day: Day, findings: [ExceptionFinding])],
        resolutions: [Resolution<Day>]
    ) -> [ExceptionEpisode<Day>] {
        var current: [Condition: ExceptionEpisode<Day>] = [:]
        var finished: [ExceptionEpisode<Day>] = []
        for (day, findings) in days.sorted(by: { $0.day < $1.day }) {
            var present: [Condition: ExceptionFinding] = [:]
            for finding in findings { present[Condition(type: finding.type, key: finding.key)] = finding }
            for (condition, episode) in current where present[condition] == nil {
                var ended = episode
                ended.resolution = .cleared
                ended.clearedOn = day
                finished.append(ended)
                current[condition] = nil
            }
            for (condition, finding) in present {
                if var episode = current[condition] {
                    episode.lastSeenDate = day
                    episode.details = finding.details
                    current[condition] = episode
                } else {
                    current[condition] = ExceptionEpisode(
                        type: finding.type, key: finding.key, dateFound: day, lastSeenDate: day, details: finding.details)
                }
            }
        }
        var byEpisode: [String: Resolution<Day>] = [:]
        for resolution in resolutions {
            let id = "\(resolution.type.rawValue)|\(resolution.key.value)|\(resolution.dateFound)"
            if byEpisode[id] == nil { byEpisode[id] = resolution }
        }
        let episodes = (finished + current.values).map { episode -> ExceptionEpisode<Day> in
            guard let resolution = byEpisode["\(episode.type.rawValue)|\(episode.key.value)|\(episode.dateFound)"] else { return episode }
            var resolved = episode
            resolved.resolution = .resolved
            resolved.resolvedBy = resolution.resolvedBy
            resolved.resolvedAt = resolution.resolvedAt
            resolved.note = resolution.note
            return resolved
        }
        return episodes.sorted { ($0.dateFound, $0.type.rawValue, $0.key.value) < ($1.dateFound, $1.type.rawValue, $1.key.value) }
    }
}
