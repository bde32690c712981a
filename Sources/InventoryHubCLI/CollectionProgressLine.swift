import Foundation
import Synchronization
import Vendors

/// Collection progress on stderr, one display per stage (devices, organizations, custom
/// fields…): redrawn in place on a terminal, plain lines now and then otherwise (see
/// `ProgressBar`). Thread-safe because clients report from their collecting task.
final class CollectionProgressLine: Sendable {
    private let stage = Mutex<CollectionProgress.Stage?>(nil)

    func show(_ progress: CollectionProgress) {
        stage.withLock { stage in
            if let previous = stage, previous != progress.stage { ProgressBar.finish() }
            stage = progress.stage
            let label = "\(progress.vendor) \(progress.stage.rawValue)"
            if progress.stage == .customFields, let expected = progress.expectedItems {
                ProgressBar.draw(label: label, done: progress.pagesFetched, total: expected)
            } else if let expected = progress.expectedItems {
                ProgressBar.draw(label: label, done: progress.itemsFetched, total: expected)
            } else {
                let counts = "\(progress.itemsFetched) items, \(progress.pagesFetched) pages"
                if Terminal.isInteractive {
                    ProgressBar.show(inPlace: "\r\(label): \(counts)\u{1B}[K")
                } else {
                    ProgressBar.show(plain: "\(label): \(counts)", label: label, fraction: nil)
                }
            }
        }
    }

    /// Ends the current stage's display, so later output starts on its own line.
    func finish() {
        stage.withLock { stage in
            stage = nil
            ProgressBar.finish()
        }
    }
}
