import Foundation

/// A one-line progress bar on stderr, redrawn in place; only used on a terminal.
enum ProgressBar {
    static func draw(label: String, done: Int, total: Int) {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(Int(fraction * 100))% (\(done)/\(total))"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
