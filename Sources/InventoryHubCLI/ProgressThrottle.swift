/// When a progress display that cannot redraw in place (stderr is a file or a pipe) prints a
/// line: the first report, each time another tenth of the work is done, when `interval` has
/// passed since the last line, and at the end the last state if it was not printed yet. A log
/// of a 90-day demo so reads as a dozen lines, not thousands of carriage returns.
struct ProgressThrottle {
    /// The longest silence between two lines while work goes on.
    static let interval = Duration.seconds(30)

    private var lastTenth: Int?
    private var lastLineAt: ContinuousClock.Instant?
    private var unprinted: String?

    /// The line to print for this report, nil to stay quiet; `fraction` is the share done
    /// (nil when the total is unknown, then only time and the first report count).
    mutating func line(_ text: String, fraction: Double?, at now: ContinuousClock.Instant) -> String? {
        let tenth = fraction.map { Int(min(1, max(0, $0)) * 10) }
        let due = lastLineAt.map { now - $0 >= Self.interval } ?? true
        let advanced = tenth.map { tenth in lastTenth.map { tenth > $0 } ?? true } ?? false
        guard due || advanced else {
            unprinted = text
            return nil
        }
        if let tenth { lastTenth = tenth }
        lastLineAt = now
        unprinted = nil
        return text
    }

    /// The last reported state when it was not printed, so the log ends where the work did;
    /// resets the throttle for the next display.
    mutating func finish() -> String? {
        defer { self = ProgressThrottle() }
        return unprinted
    }
}
