/// The pure state machine behind the `exceptions` read model: what one compared day, or one
/// resolution, does to the open episodes. The projector stores what it returns.
///
/// Compared days must be applied in increasing order, and a resolution between the days it
/// was recorded after. A closed episode is final: when its condition is found again on a later
/// compared day — also the day right after a technician resolved it — that is a recurrence,
/// and opens a new episode with its own `dateFound`.
public enum ExceptionEpisodes {
    /// The effect of one compared day. `continued` and `opened` are the open episodes after
    /// the day; `cleared` are the ones it closed.
    public struct Transition<Day: Hashable & Sendable>: Sendable, Hashable {
        /// Open before and after the day: `lastSeenDate` and `details` updated.
        public var continued: [ExceptionEpisode<Day>]
        /// New episodes found on the day.
        public var opened: [ExceptionEpisode<Day>]
        /// Closed on the day as `cleared`.
        public var cleared: [ExceptionEpisode<Day>]

        /// The open episodes after the day, in (type, key) order.
        public var open: [ExceptionEpisode<Day>] {
            (continued + opened).sorted { ($0.type, $0.key) < ($1.type, $1.key) }
        }
    }

    /// Applies the findings of compared day `day` to the episodes open before it: a finding
    /// with an open episode of its (type, key) continues it (`lastSeenDate` = `day`, details of
    /// `day`); a finding without one opens an episode found on `day`; an open episode without a
    /// finding closes as `cleared` on `day`. Closed episodes in `open` are ignored.
    public static func advance<Day>(
        open: [ExceptionEpisode<Day>],
        comparedOn day: Day,
        findings: [ExceptionFinding]
    ) -> Transition<Day> {
        var findingsByCondition: [Condition: ExceptionFinding] = [:]
        for finding in findings { findingsByCondition[Condition(finding.type, finding.key)] = finding }

        var transition = Transition<Day>(continued: [], opened: [], cleared: [])
        var continuedConditions = Set<Condition>()
        for episode in open.filter(\.isOpen).sorted(by: { ($0.type, $0.key) < ($1.type, $1.key) }) {
            let condition = Condition(episode.type, episode.key)
            guard !continuedConditions.contains(condition) else { continue }
            var next = episode
            if let finding = findingsByCondition[condition] {
                next.lastSeenDate = day
                next.details = finding.details
                continuedConditions.insert(condition)
                transition.continued.append(next)
            } else {
                next.resolution = .cleared
                next.clearedOn = day
                transition.cleared.append(next)
            }
        }
        for finding in findings.sorted() where !continuedConditions.contains(Condition(finding.type, finding.key)) {
            continuedConditions.insert(Condition(finding.type, finding.key))
            transition.opened.append(
                ExceptionEpisode(type: finding.type, key: finding.key, dateFound: day, lastSeenDate: day, details: finding.details)
            )
        }
        return transition
    }

    /// Identifies an exception condition: one open episode at most per (type, key).
    struct Condition: Hashable {
        var type: ExceptionType
        var key: CanonicalKey

        init(_ type: ExceptionType, _ key: CanonicalKey) {
            self.type = type
            self.key = key
        }
    }
}
