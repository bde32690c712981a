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
    return slots.values
}

/// One result slot per index. `@unchecked Sendable`: each worker writes only the slots of its
/// own range through the raw buffer (no exclusive access to a shared array), and the slots are
/// read after `concurrentPerform` has returned.
private final class Slots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ index: Int, _ value: T) { slots[index] = value }

    var values: [T] { slots.map { $0! } }
}
