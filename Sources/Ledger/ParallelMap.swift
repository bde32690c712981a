import Dispatch
import Foundation

/// `transform` of every index in `0..<count`, computed on every core (each worker over its own
/// contiguous range, at least `minimumPerWorker` indices) and returned in index order: the
/// per-event work of a projection or a verification (decompress, hash, parse, map).
public func parallelMap<T>(count: Int, minimumPerWorker: Int = 256, _ transform: @Sendable (Int) -> T) -> [T] {
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / max(minimumPerWorker, 1)))
    let slots = Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in (count * worker / workers)..<(count * (worker + 1) / workers) { slots.store(index, transform(index)) }
    }
    return slots.takeValues()
}

/// One uninitialized result slot per index. `@unchecked Sendable`: each worker initializes only
/// the slots of its own range through the raw pointer (no exclusive access to a shared array),
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
