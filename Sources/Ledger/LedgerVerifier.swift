import Dispatch
import Foundation
import LZ4Codec
import PostgresClient

/// Recomputes every payload hash (decompressing each payload) and the whole chain, so any
/// change that bypassed the immutability triggers is found and located.
public struct LedgerVerifier {
    public struct Report: Sendable, Hashable {
        public let verifiedCount: Int
        public let headSeq: Int64
        public let seconds: Double
        /// The first `seq` that does not hold, and why; nil when the ledger is intact.
        public let firstBadSeq: Int64?
        public let reason: String?
        /// The recomputed chain hash at each `seq` asked for that the check reached intact
        /// (the digests' positions), gathered in the same pass.
        public let chainAtSeqs: [Int64: [UInt8]]

        public var isIntact: Bool { firstBadSeq == nil }
        public var eventsPerSecond: Double { seconds > 0 ? Double(verifiedCount) / seconds : 0 }
    }

    let session: PostgresSession

    public init(session: PostgresSession) {
        self.session = session
    }

    /// - Parameters:
    ///   - chainAt: positions whose recomputed chain hash the report should carry (where
    ///     digests were taken), collected while streaming, so the ledger is read once.
    ///   - progress: called after each batch with (events verified, head seq).
    ///
    /// Fetching and checking overlap: while one batch is decompressed and hashed on a worker
    /// thread, the server already sends the next, so both cores work.
    public func verify(batchSize: Int = 10_000, chainAt: Set<Int64> = [], progress: (Int, Int64) -> Void = { _, _ in }) throws -> Report {
        let started = Date()
        let head = try Ledger(session: session).headSeq()
        let state = VerificationState(dictionaries: try LedgerDictionaryCache.preloaded(session: session), collecting: chainAt)
        let worker = DispatchQueue(label: "inventory-hub.verify")
        func report() -> Report {
            Report(
                verifiedCount: state.verified, headSeq: head, seconds: Date().timeIntervalSince(started),
                firstBadSeq: state.firstBadSeq, reason: state.reason, chainAtSeqs: state.collected)
        }
        var cursor: Int64 = 0
        var rows = try session.query(LedgerFilter().query(after: cursor, limit: batchSize), binaryResults: true)
        while true {
            let batch = rows
            worker.async { state.check(batch) }
            let full = batch.count == batchSize
            if full, let last = batch.last?.withBytes(0, { PostgresBinary.int64($0) }) {
                cursor = last
                rows = try session.query(LedgerFilter().query(after: cursor, limit: batchSize), binaryResults: true)
            }
            let failed = worker.sync { state.firstBadSeq != nil }
            progress(state.verified, head)
            if failed { return report() }
            if !full { break }
        }
        if state.expectedSeq - 1 < head {
            state.firstBadSeq = state.expectedSeq
            state.reason = "events \(state.expectedSeq)…\(head) are missing (the counter says \(head) were appended)"
        }
        return report()
    }
}

/// The verifier's running state. `@unchecked Sendable`: it is only touched on the verifier's
/// serial worker queue while a batch is checked, and read by the caller after `sync` on that
/// queue, so no two threads ever use it at once.
private final class VerificationState: @unchecked Sendable {
    /// Preloaded, so decoding never loads (and never touches the session).
    let dictionaries: LedgerDictionaryCache
    var expectedSeq: Int64 = 1
    var previousChain = LedgerChain.genesis
    var verified = 0
    var firstBadSeq: Int64?
    var reason: String?
    let collecting: Set<Int64>
    var collected: [Int64: [UInt8]] = [:]

    init(dictionaries: LedgerDictionaryCache, collecting: Set<Int64>) {
        self.dictionaries = dictionaries
        self.collecting = collecting
    }

    func check(_ rows: PostgresRows) {
        guard firstBadSeq == nil else { return }
        let decoded = Self.decode(rows, dictionaries: dictionaries)
        for (index, row) in rows.enumerated() {
            let seq = row.withBytes(0) { PostgresBinary.int64($0) }!
            guard seq == expectedSeq else {
                return fail(expectedSeq, "event \(expectedSeq) is missing (the next stored event is \(seq))")
            }
            let event: LedgerEvent
            do {
                event = try decoded[index].get()
            } catch let LedgerError.corruptEvent(_, reason) {
                return fail(seq, reason)
            } catch LedgerError.unknownDictionary(let id) {
                return fail(seq, "dict_id \(id) names no ledger dictionary")
            } catch {
                return fail(seq, "\(error)")
            }
            let chain = LedgerChain.next(previous: previousChain, .init(
                seq: event.seq, eventType: event.eventType, vendorID: event.vendorID, runID: event.runID,
                observedOn: event.observedOn, subject: event.subject, recordedAtMicros: event.recordedAtMicros,
                dictionaryID: event.dictionaryID, rawLength: event.payload.count, payloadSHA256: event.payloadSHA256))
            guard chain == event.chainSHA256 else {
                return fail(seq, "chain_sha256 does not match the event's fields and the previous event's chain hash")
            }
            previousChain = chain
            if collecting.contains(seq) { collected[seq] = chain }
            expectedSeq += 1
            verified += 1
        }
    }

    /// Decompresses and hash-checks every event of a batch, on every core (each event on its
    /// own); the chain, which needs them in order, is then recomputed on one thread.
    private static func decode(_ rows: PostgresRows, dictionaries: LedgerDictionaryCache) -> [Result<LedgerEvent, any Error>] {
        // The preloaded cache has no session (it never loads), so each worker may use a copy.
        nonisolated(unsafe) let preloaded = dictionaries
        return parallelMap(count: rows.count, minimumPerWorker: 512) { offset in
            var cache = preloaded
            return Result { try Ledger.decode(rows[rows.startIndex + offset], dictionaries: &cache) }
        }
    }

    private func fail(_ seq: Int64, _ why: String) {
        firstBadSeq = seq
        reason = why
    }
}
