import Dispatch
import Foundation

/// `transform` of every index in `0..<count`, computed on every core (at least
/// `minimumPerWorker` indices per worker) and returned in index order: the per-event work of a
/// projection or a verification (decompress, hash, parse, map).
///
/// Workers take the indices in chunks as they go, not a fixed share each: the cores are shared
/// with the session's thread and the rules, so a worker held up would otherwise leave the
/// other idle at the end.
public func parallelMap<T>(count: Int, minimumPerWorker: Int = 256, _ transform: @Sendable (Int) -> T) -> [T] {
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / max(minimumPerWorker, 1)))
    let slots = Slots<T>(count: count)
    let chunks = ChunkCounter(count: count, chunk: workers == 1 ? count : min(256, count / (workers * 8)))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let range = chunks.next() {
            for index in range { slots.store(index, transform(index)) }
        }
    }
    return slots.takeValues()
}

/// Hands out `0..<count` in consecutive chunks of at least one index. `@unchecked Sendable`:
/// the position is read and moved under the lock.
private final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private let chunk: Int
    private var position = 0

    init(count: Int, chunk: Int) {
        self.count = count
        self.chunk = max(chunk, 1)
    }

    func next() -> Range<Int>? {
        lock.withLock {
            guard position < count else { return nil }
            let start = position
            position = min(count, position + chunk)
            return start..<position
        }
    }
}

/// One uninitialized result slot per index. `@unchecked Sendable`: each worker initializes only
/// the slots of the chunks it took, through the raw pointer (no exclusive access to a shared array),
/// and the values are moved out, not copied (a snapshot row holds dozens of references), once
/// `concurrentPerform` has returned and every slot holds one.
private final class Slots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
    }

    deinit { slots.deallocate() }

    func store(_ index: Int, _ value: T) { (slots + index).initialize(to: value) }

    /// Every value, moved out of the slots; call once, after every slot is stored.
    func takeValues() -> [T] {
        guard count > 0 else { return [] }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: slots, count: count)
            initialized = count
        }
    }
}
