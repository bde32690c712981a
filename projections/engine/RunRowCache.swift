import Dispatch
import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient

/// Decodes the device events of a run into snapshot rows once, for every projection of a batch.
/// Rows are deduplicated by vendor device key (the first event of a key wins), which is what
/// `device_snapshot`'s unique (date, vendor, identity) constraint requires.
final class RunRowCache {
    private let session: PostgresSession
    private var rowsByRun: [UUID: [DeviceSnapshotRow]] = [:]
    /// Per run, the seq of the event each kept row was mapped from (`device_snapshot.id`).
    private var seqsByRun: [UUID: [Int64]] = [:]
    /// Runs fetched by `prefetch` whose payloads are being mapped in the background.
    private var pending: [UUID: BackgroundWork<([DeviceSnapshotRow?], [Int64])>] = [:]
    /// Loaded on first use, then shared with the mapping threads.
    private var decoder: StoredPayloadDecoder?
    private(set) var decodedEvents = 0

    /// How much of each payload is mapped: all of it only when `device_snapshot` or
    /// `daily_counts` is written from the rows.
    let detail: RowDetail

    init(session: PostgresSession, detail: RowDetail = .full) {
        self.session = session
        self.detail = detail
    }

    /// A cache mapping what `projections` read: the exception rules and the change log need
    /// only the compared fields (`RowDetail.comparison`).
    convenience init(session: PostgresSession, for projections: Set<ProjectionName>) {
        let full = projections.contains(.deviceSnapshot) || projections.contains(.dailyCounts)
        self.init(session: session, detail: full ? .full : .comparison)
    }

    /// Whether `run`'s rows are decoded (or being decoded) already.
    func has(_ run: EffectiveRun) -> Bool { rowsByRun[run.runID] != nil || pending[run.runID] != nil }

    /// Fetches `run`'s events now (on the session's thread) and maps them in the background,
    /// so the next run is decoded on the spare core while PostgreSQL ingests the current one;
    /// `rows(of:)` then waits for the result. Two runs ahead keeps memory at three runs' events.
    func prefetch(_ run: EffectiveRun) throws {
        guard !has(run) else { return }
        let events = try fetch(run)
        let vendorID = run.vendorID
        let detail = detail
        let decoder = try payloadDecoder(for: events)
        pending[run.runID] = BackgroundWork { (try Self.map(events, vendorID: vendorID, detail: detail, decoder: decoder), events.map(\.seq)) }
    }

    func rows(of run: EffectiveRun) throws -> [DeviceSnapshotRow] {
        if let cached = rowsByRun[run.runID] { return cached }
        var timer = PhaseTimer()
        let eventSeqs: [Int64]
        var mapped: [DeviceSnapshotRow?]
        if let background = pending.removeValue(forKey: run.runID) {
            (mapped, eventSeqs) = try background.wait()
            timer.lap("  decode: wait for the background")
        } else {
            let events = try fetch(run)
            timer.lap("  decode: fetch")
            mapped = try Self.map(events, vendorID: run.vendorID, detail: detail, decoder: try payloadDecoder(for: events))
            eventSeqs = events.map(\.seq)
            timer.lap("  decode: parse and map")
        }
        var rows: [DeviceSnapshotRow] = []
        var seqs: [Int64] = []
        rows.reserveCapacity(mapped.count)
        seqs.reserveCapacity(mapped.count)
        var seen = Set<String>()
        // Rows are moved out of `mapped` (`take()`), not copied: each holds dozens of strings.
        for index in mapped.indices {
            if let row = mapped[index].take(), seen.insert(row.vendorDeviceKey).inserted {
                rows.append(row)
                seqs.append(eventSeqs[index])
            }
        }
        rowsByRun[run.runID] = rows
        seqsByRun[run.runID] = seqs
        return rows
    }

    /// The rows of `run` when they are decoded already, without decoding them.
    func cachedRows(of run: EffectiveRun) -> [DeviceSnapshotRow]? { rowsByRun[run.runID] }

    /// Rows read back from `device_snapshot` (the change log's fields only), kept apart from
    /// the decoded ones and for the vendor's two newest runs asked for: a day is the current
    /// day of one change-log comparison and the previous day of the next.
    private var storedByVendor: [Int: [(runID: UUID, rows: [DeviceSnapshotRow])]] = [:]

    /// `run`'s stored rows, loaded by `load` unless held already; nil when `load` finds none.
    func storedRows(of run: EffectiveRun, load: () throws -> [DeviceSnapshotRow]?) rethrows -> [DeviceSnapshotRow]? {
        if let held = storedByVendor[run.vendorID]?.first(where: { $0.runID == run.runID }) { return held.rows }
        guard let rows = try load() else { return nil }
        storedByVendor[run.vendorID, default: []].append((run.runID, rows))
        if storedByVendor[run.vendorID]!.count > 2 { storedByVendor[run.vendorID]!.removeFirst() }
        return rows
    }

    /// The run's device events as stored; decompressing and checking them is left to `map`,
    /// on every core.
    private func fetch(_ run: EffectiveRun) throws -> [StoredPayload] {
        let events = try Ledger(session: session).storedDevicePayloads(ofRun: run.runID)
        decodedEvents += events.count
        return events
    }

    /// The decoder, loaded again when `events` use a dictionary appended since it was.
    private func payloadDecoder(for events: [StoredPayload]) throws -> StoredPayloadDecoder {
        if let decoder, decoder.covers(events) { return decoder }
        let loaded = try StoredPayloadDecoder(session: session)
        decoder = loaded
        return loaded
    }

    /// The seq of the event each row of `rows(of: run)` came from, in the same order.
    func eventSeqs(of run: EffectiveRun) throws -> [Int64] {
        if let cached = seqsByRun[run.runID] { return cached }
        _ = try rows(of: run)
        return seqsByRun[run.runID] ?? []
    }

    /// Decompresses, hash-checks, parses and maps payloads on every core (pure work, in event
    /// order), since this is the largest part of projecting a day; only the members the mapping
    /// reads are built.
    static func map(_ events: [StoredPayload], vendorID: Int, detail: RowDetail, decoder: StoredPayloadDecoder) throws -> [DeviceSnapshotRow?] {
        guard let vendor = Vendor(rawValue: vendorID) else { throw ProjectionError.unknownVendor(vendorID) }
        let failure = FirstFailure()
        let rows = parallelMap(count: events.count) { index -> DeviceSnapshotRow? in
            let payload: [UInt8]
            do {
                payload = try decoder.payload(of: events[index])
            } catch let error as LedgerError {
                failure.record(error, at: index)
                return nil
            } catch {
                failure.record(LedgerError.corruptEvent(seq: events[index].seq, reason: "\(error)"), at: index)
                return nil
            }
            do {
                return try vendor.row(fromPayload: payload, detail: detail)
            } catch {
                failure.record(LedgerError.corruptEvent(seq: events[index].seq, reason: "payload is not JSON: \(error)"), at: index)
                return nil
            }
        }
        if let error = failure.first { throw error }
        return rows
    }
}

/// The failure of the lowest index among those recorded by parallel workers: the error a loop
/// in index order would have stopped at. `@unchecked Sendable`: written under the lock.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: (index: Int, error: LedgerError)?

    func record(_ error: LedgerError, at index: Int) {
        lock.withLock {
            if failure.map({ index < $0.index }) ?? true { failure = (index, error) }
        }
    }

    var first: LedgerError? { lock.withLock { failure?.error } }
}

/// A value computed on a background thread, waited for once. `@unchecked Sendable`: the result
/// is written once under the lock and read after the semaphore has been signalled.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
            let outcome = Result { try work() }
            lock.withLock { result = outcome }
            done.signal()
        }
    }

    /// Blocks until the work has finished; call once. The value is moved out, so the caller
    /// holds the only reference to it (its arrays can be changed in place).
    func wait() throws -> Value {
        done.wait()
        return try lock.withLock { try result.take()!.get() }
    }
}
