import Foundation
import Synchronization
import Vendors

/// Collection progress on one stderr line per stage, redrawn in place; only used on a
/// terminal. Thread-safe because clients report from their collecting task.
final class CollectionProgressLine: Sendable {
    private let state = Mutex<(stage: CollectionProgress.Stage?, drawn: Bool)>((nil, false))

    func show(_ progress: CollectionProgress) {
        state.withLock { state in
            if let stage = state.stage, stage != progress.stage { FileHandle.standardError.write(Data("\n".utf8)) }
            state.stage = progress.stage
            state.drawn = true
            let label = "\(progress.vendor) \(progress.stage.rawValue)"
            if progress.stage == .customFields, let expected = progress.expectedItems {
                ProgressBar.draw(label: label, done: progress.pagesFetched, total: expected)
            } else if let expected = progress.expectedItems {
                ProgressBar.draw(label: label, done: progress.itemsFetched, total: expected)
            } else {
                let line = "\r\(label): \(progress.itemsFetched) items, \(progress.pagesFetched) pages\u{1B}[K"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }

    /// Ends the line, when anything was drawn, so later output starts on its own line.
    func finish() {
        state.withLock { state in
            if state.drawn { ProgressBar.finish() }
            state.drawn = false
            state.stage = nil
        }
    }
}
