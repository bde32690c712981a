extension ExceptionEpisodes {
    /// The effect of one technician resolution.
    public struct ResolutionOutcome<Day: Hashable & Sendable>: Sendable, Hashable {
        /// The open episodes afterwards.
        public var open: [ExceptionEpisode<Day>]
        /// The episode the resolution closed; nil when no episode of its (type, key) was open
        /// (already cleared, or resolved twice), in which case nothing changes.
        public var resolved: ExceptionEpisode<Day>?
    }

    /// Closes the open episode of the resolution's (type, key) as `resolved`, recording who,
    /// when and the note.
    public static func resolve<Day>(
        _ resolution: ExceptionResolution,
        open: [ExceptionEpisode<Day>]
    ) -> ResolutionOutcome<Day> {
        var remaining: [ExceptionEpisode<Day>] = []
        var resolved: ExceptionEpisode<Day>?
        for episode in open where episode.isOpen {
            if resolved == nil, episode.type == resolution.type, episode.key == resolution.key {
                var closed = episode
                closed.resolution = .resolved
                closed.resolvedBy = resolution.resolvedBy
                closed.resolvedAt = resolution.resolvedAt
                closed.note = resolution.note
                resolved = closed
            } else {
                remaining.append(episode)
            }
        }
        return ResolutionOutcome(open: remaining, resolved: resolved)
    }
}
