import Crypto
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
    ///   - batchSize: events handed to the checking thread at a time.
    ///   - chainAt: positions whose recomputed chain hash the report should carry (where
    ///     digests were taken), collected while streaming, so the ledger is read once.
    ///   - progress: called after each batch with (events verified, head seq).
    ///
    /// The ledger up to the head arrives as one binary `COPY` in `seq` order, so the server
    /// streams while the client checks. Each batch of stored rows is checked in place, as
    /// bytes (no strings, no event values): payloads are decompressed and hashed on every core,
    /// then the chain is recomputed in order on one thread, while the next batch arrives.
    public func verify(batchSize: Int = 4_096, chainAt: Set<Int64> = [], progress: (Int, Int64) -> Void = { _, _ in }) throws -> Report {
        let started = Date()
        let head = try Ledger(session: session).headSeq()
        let state = VerificationState(dictionaries: try LedgerDictionaryCache.preloaded(session: session), collecting: chainAt)
        let worker = DispatchQueue(label: "inventory-hub.verify")
        // Two batches at most wait for the checker: memory stays flat whatever the ledger's size.
        let inFlight = DispatchSemaphore(value: 2)
        var batch = StoredRowBatch(expectedRows: batchSize)
        func handOff() {
            let full = batch
            batch = StoredRowBatch(expectedRows: batchSize)
            inFlight.wait()
            worker.async {
                state.check(full)
                inFlight.signal()
            }
        }
        struct Stopped: Error {}
        var stream = PostgresBinaryCopyStream()
        do {
            try session.copyOut("COPY (\(Self.selectSQL) WHERE seq <= \(head) ORDER BY seq) TO STDOUT (FORMAT binary)") { chunk in
                guard let tuple = try stream.tuple(in: chunk) else { return }
                batch.append(tuple)
                guard batch.count >= batchSize else { return }
                handOff()
                let (verified, failed) = state.published
                progress(verified, head)
                if failed { throw Stopped() }
            }
        } catch is Stopped {}
        if batch.count > 0 { handOff() }
        worker.sync {}
        progress(state.verified, head)
        if state.firstBadSeq == nil, state.expectedSeq - 1 < head {
            state.firstBadSeq = state.expectedSeq
            state.reason = "events \(state.expectedSeq)…\(head) are missing (the counter says \(head) were appended)"
        }
        return Report(
            verifiedCount: state.verified, headSeq: head, seconds: Date().timeIntervalSince(started),
            firstBadSeq: state.firstBadSeq, reason: state.reason, chainAtSeqs: state.collected)
    }

    /// The stored columns (`Ledger.eventColumns`, in the order `StoredRow` reads them).
    static let selectSQL = "SELECT \(Ledger.eventColumns) FROM ledger_event"
}

/// Stored rows as they arrived (binary COPY tuples), back to back in one buffer.
struct StoredRowBatch: @unchecked Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []

    init(expectedRows: Int) {
        bytes.reserveCapacity(expectedRows * 512)
        ends.reserveCapacity(expectedRows)
    }

    var count: Int { ends.count }

    mutating func append(_ tuple: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: tuple)
        ends.append(bytes.count)
    }

    func withRow<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[index]])) }
    }
}

/// One stored row's fields, read in place from its binary COPY tuple.
struct StoredRow {
    static let fieldCount = Ledger.copyFieldCount
    let fields: [UnsafeRawBufferPointer?]

    /// Nil when the tuple is not the verifier's twelve columns.
    init?(_ tuple: UnsafeRawBufferPointer, reusing storage: inout [UnsafeRawBufferPointer?]) {
        guard PostgresBinaryCopyStream.fields(of: tuple, into: &storage), storage.count == Self.fieldCount else { return nil }
        fields = storage
    }

    var seq: Int64? { fields[0].map { PostgresBinary.int64($0.assumingMemoryBound(to: UInt8.self)) } }
    func int32(_ index: Int) -> Int? { fields[index].map { PostgresBinary.integer($0.assumingMemoryBound(to: UInt8.self)) } }
}

/// The verifier's running state. `@unchecked Sendable`: it is only touched on the verifier's
/// serial worker queue while a batch is checked, and read by the caller after `sync` on that
/// queue; `published` is the one part read meanwhile, under its lock.
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
    private let lock = NSLock()
    private var publishedCount = 0
    private var publishedFailure = false

    init(dictionaries: LedgerDictionaryCache, collecting: Set<Int64>) {
        self.dictionaries = dictionaries
        self.collecting = collecting
    }

    /// Events verified so far and whether one failed, as of the last finished batch.
    var published: (Int, Bool) { lock.withLock { (publishedCount, publishedFailure) } }

    func check(_ batch: StoredRowBatch) {
        guard firstBadSeq == nil else { return }
        let payloadFailures = Self.checkPayloads(batch, dictionaries: dictionaries)
        var storage: [UnsafeRawBufferPointer?] = []
        for index in 0..<batch.count {
            let failed = batch.withRow(index) { tuple -> Bool in
                guard let row = StoredRow(tuple, reusing: &storage), let seq = row.seq else {
                    fail(expectedSeq, "event \(expectedSeq) is not stored as twelve columns with a seq")
                    return true
                }
                guard seq == expectedSeq else {
                    fail(expectedSeq, "event \(expectedSeq) is missing (the next stored event is \(seq))")
                    return true
                }
                if let why = payloadFailures[index] {
                    fail(seq, why)
                    return true
                }
                guard let eventType = row.fields[1], let runID = row.fields[3], runID.count == 16, let recordedAt = row.fields[6],
                      let rawLength = row.int32(8), let payloadHash = row.fields[10], let storedChain = row.fields[11]
                else {
                    fail(seq, "a column the chain covers is null")
                    return true
                }
                let chain = previousChain.withUnsafeBytes { previous in
                    LedgerChain.next(previous: previous, .init(
                        seq: seq, eventType: eventType, vendorID: row.int32(2), runID: runID,
                        observedOnDays: row.fields[4].map { PostgresBinary.date($0.assumingMemoryBound(to: UInt8.self)).daysSinceEpoch },
                        subject: row.fields[5],
                        recordedAtMicros: PostgresBinary.timestampMicros(recordedAt.assumingMemoryBound(to: UInt8.self)),
                        dictionaryID: row.int32(7), rawLength: rawLength, payloadSHA256: payloadHash))
                }
                guard chain.elementsEqual(storedChain) else {
                    fail(seq, "chain_sha256 does not match the event's fields and the previous event's chain hash")
                    return true
                }
                previousChain = chain
                if collecting.contains(seq) { collected[seq] = chain }
                expectedSeq += 1
                verified += 1
                return false
            }
            if failed { break }
        }
        lock.withLock {
            publishedCount = verified
            publishedFailure = firstBadSeq != nil
        }
    }

    /// Decompresses every payload of a batch and compares its length and SHA-256 with the
    /// stored ones, on every core (each worker over its own rows, with its own output
    /// buffer); the reasons of those that do not hold, by row index.
    private static func checkPayloads(_ batch: StoredRowBatch, dictionaries: LedgerDictionaryCache) -> [Int: String] {
        nonisolated(unsafe) let preloaded = dictionaries
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count / 256))
        let perWorker = parallelMap(count: workers, minimumPerWorker: 1) { worker -> [Int: String] in
            var cache = preloaded
            var storage: [UnsafeRawBufferPointer?] = []
            var output = [UInt8](repeating: 0, count: 8_192)
            var failures: [Int: String] = [:]
            for index in (batch.count * worker / workers)..<(batch.count * (worker + 1) / workers) {
                let why = batch.withRow(index) { tuple -> String? in
                    guard let row = StoredRow(tuple, reusing: &storage) else { return nil }  // the chain pass names it
                    return payloadProblem(row, dictionaries: &cache, output: &output)
                }
                if let why { failures[index] = why }
            }
            return failures
        }
        return perWorker.reduce(into: [:]) { all, failures in all.merge(failures) { first, _ in first } }
    }

    private static func payloadProblem(_ row: StoredRow, dictionaries: inout LedgerDictionaryCache, output: inout [UInt8]) -> String? {
        guard let rawLength = row.int32(8), let block = row.fields[9], let storedHash = row.fields[10] else {
            return "raw_len, payload or payload_sha256 is null"
        }
        guard rawLength >= 0, rawLength <= LZ4Codec.maximumInputSize else { return "\(LZ4Error.invalidDeclaredSize(rawLength))" }
        var dictionary: LZ4Dictionary?
        if let id = row.int32(7) {
            do { dictionary = try dictionaries.dictionary(id) } catch { return "dict_id \(id) names no ledger dictionary" }
        }
        if output.count < rawLength + 1 { output = [UInt8](repeating: 0, count: rawLength + 1) }
        return output.withUnsafeMutableBytes { buffer -> String? in
            let decoded: Int
            do {
                decoded = try LZ4Codec.decompress(block, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0...rawLength]), dictionary: dictionary)
            } catch {
                return "\(error)"
            }
            guard decoded == rawLength else { return "\(LZ4Error.sizeMismatch(declared: rawLength, actual: decoded))" }
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<rawLength]))
            let hash = hasher.finalize()
            return hash.withUnsafeBytes { $0.elementsEqual(storedHash) } ? nil : "the payload does not match payload_sha256"
        }
    }

    private func fail(_ seq: Int64, _ why: String) {
        firstBadSeq = seq
        reason = why
    }
}
