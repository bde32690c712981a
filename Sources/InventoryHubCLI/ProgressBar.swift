import Foundation
import Synchronization

/// Progress of a long run (collect, catch-up, rebuild, replay, verify, the demo) on stderr.
///
/// On a terminal it is one line redrawn in place. When stderr is a file or a pipe, carriage
/// returns would fill the log with every intermediate state, so it prints a plain line now and
/// then instead (see `ProgressThrottle`) and the last state at `finish()`.
enum ProgressBar {
    private struct Display {
        /// Whether anything was shown since the last `finish()`.
        var shown = false
        /// The plain display's current label: another label starts another display.
        var label: String?
        var throttle = ProgressThrottle()
    }

    /// One progress display runs at a time; collectors report from their own task.
    private static let display = Mutex(Display())

    static func draw(label: String, done: Int, total: Int) {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let counts = "\(Int(fraction * 100))% (\(done)/\(total))"
        guard Terminal.isInteractive else {
            show(plain: "\(label) \(counts)", label: label, fraction: fraction)
            return
        }
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        show(inPlace: "\r\(label) \(bar) \(counts)")
    }

    /// Redraws the terminal line with `text` (which starts with a carriage return).
    static func show(inPlace text: String) {
        display.withLock { display in
            display.shown = true
            write(text)
        }
    }

    /// Prints `text` as a line of its own when the throttle says so; `fraction` is the share
    /// done, nil when the total is unknown.
    static func show(plain text: String, label: String, fraction: Double?) {
        display.withLock { display in
            if display.label != label {
                if let pending = display.throttle.finish() { write(pending + "\n") }
                display.label = label
            }
            display.shown = true
            if let line = display.throttle.line(text, fraction: fraction, at: .now) { write(line + "\n") }
        }
    }

    /// Ends the display: the newline after the bar on a terminal, else the last state when it
    /// was not printed yet. Nothing when nothing was shown.
    static func finish() {
        display.withLock { display in
            defer { display = Display() }
            guard display.shown else { return }
            if let pending = display.throttle.finish() {
                write(pending + "\n")
            } else if display.label == nil {
                write("\n")
            }
        }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
