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
    ///   - batchSize: events handed to the checking stages at a time.
    ///   - chainAt: positions whose recomputed chain hash the report should carry (where
    ///     digests were taken), collected while streaming, so the ledger is read once.
    ///   - progress: called after each batch with (events verified, head seq).
    ///
    /// The ledger up to the head arrives as one binary `COPY` in `seq` order, so the server
    /// streams while the client checks. Each batch of stored rows is checked in place, as
    /// bytes (no strings, no event values), in two stages on their own threads: the payloads
    /// are decompressed and hashed on every core (which also finds each row's fields, once),
    /// then the chain is recomputed in order, beside the next batch's payloads.
    public func verify(batchSize: Int = 4_096, chainAt: Set<Int64> = [], progress: (Int, Int64) -> Void = { _, _ in }) throws -> Report {
        let started = Date()
        let head = try Ledger(session: session).headSeq()
        let state = VerificationState(dictionaries: try LedgerDictionaryCache.preloaded(session: session), collecting: chainAt)
        let payloads = DispatchQueue(label: "inventory-hub.verify.payloads")
        let chain = DispatchQueue(label: "inventory-hub.verify.chain")
        // Three batches at most are in the stages: memory stays flat whatever the ledger's size.
        let inFlight = DispatchSemaphore(value: 3)
        var batch = StoredRowBatch(expectedRows: batchSize)
        func handOff() {
            let full = batch
            batch = StoredRowBatch(expectedRows: batchSize)
            inFlight.wait()
            payloads.async {
                let checked = state.checkPayloads(full)
                chain.async {
                    state.checkChain(checked)
                    inFlight.signal()
                }
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
        // Every payload stage queues its chain stage before it ends.
        payloads.sync {}
        chain.sync {}
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

    /// Where row `index` is in `bytes`.
    func range(of index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }
}

/// One stored row's fields, read in place: `spans` are their positions in `bytes` (the batch's),
/// in column order, nil for NULL.
struct StoredRow {
    static let fieldCount = Ledger.copyFieldCount
    let bytes: UnsafeRawBufferPointer
    let spans: UnsafeBufferPointer<Range<Int>?>

    subscript(_ field: Int) -> UnsafeRawBufferPointer? { spans[field].map { UnsafeRawBufferPointer(rebasing: bytes[$0]) } }

    var seq: Int64? { self[0].map { PostgresBinary.int64($0.assumingMemoryBound(to: UInt8.self)) } }
    func int32(_ index: Int) -> Int? { self[index].map { PostgresBinary.integer($0.assumingMemoryBound(to: UInt8.self)) } }

    /// The positions of the fields of the tuple at `range` of `bytes`, appended to `spans`; false
    /// (nothing appended) when the tuple is malformed or has another number of fields.
    static func parse(
        _ range: Range<Int>, of bytes: UnsafeRawBufferPointer, fields: inout [UnsafeRawBufferPointer?], into spans: inout [Range<Int>?]
    ) -> Bool {
        guard PostgresBinaryCopyStream.fields(of: UnsafeRawBufferPointer(rebasing: bytes[range]), into: &fields), fields.count == fieldCount
        else { return false }
        for field in fields {
            spans.append(field.map { field in
                let start = field.baseAddress.map { bytes.baseAddress!.distance(to: $0) } ?? range.lowerBound
                return start..<(start + field.count)
            })
        }
        return true
    }
}

/// A batch after its payload stage: each part's rows' field positions (`fieldCount` spans a
/// row, all nil for a malformed row, which the chain stage names as having no seq) and payload
/// failures by row index.
struct CheckedBatch: @unchecked Sendable {
    struct Part {
        var rows: Range<Int>
        var spans: [Range<Int>?] = []
    }

    let rows: StoredRowBatch
    let parts: [Part]
    let payloadFailures: [Int: String]
}

/// The verifier's running state. `@unchecked Sendable`: the payload stage reads only
/// `dictionaries` (and `published`); the rest is touched only on the chain stage's serial queue,
/// and read by the caller after `sync` on both queues; `published` is the part read meanwhile,
/// under its lock.
private final class VerificationState: @unchecked Sendable {
    /// Preloaded, so decoding never loads (and never touches the session).
    let dictionaries: LedgerDictionaryCache
    // The chain stage's own state.
    var expectedSeq: Int64 = 1
    var previousChain = LedgerChain.genesis
    var verified = 0
    var firstBadSeq: Int64?
    var reason: String?
    let collecting: Set<Int64>
    var collected: [Int64: [UInt8]] = [:]
    private var message: [UInt8] = []
    // What the reading thread sees.
    private let lock = NSLock()
    private var publishedCount = 0
    private var publishedFailure = false

    init(dictionaries: LedgerDictionaryCache, collecting: Set<Int64>) {
        self.dictionaries = dictionaries
        self.collecting = collecting
    }

    /// Events verified so far and whether one failed, as of the last finished batch.
    var published: (Int, Bool) { lock.withLock { (publishedCount, publishedFailure) } }

    /// Rows a part of a batch holds in the payload stage: one worker's turn.
    private static let partRows = 256

    /// Decompresses every payload of `batch` and compares its length and SHA-256 with the stored
    /// ones, on every core (each worker a part of 256 rows at a time, with its own output
    /// buffer), finding each row's fields on the way. Once the chain stage has failed, the rest
    /// is not checked.
    func checkPayloads(_ batch: StoredRowBatch) -> CheckedBatch {
        guard !published.1 else { return CheckedBatch(rows: batch, parts: [], payloadFailures: [:]) }
        nonisolated(unsafe) let preloaded = dictionaries
        let partCount = (batch.count + Self.partRows - 1) / Self.partRows
        let checked = parallelMap(count: partCount, minimumPerWorker: 1) { index -> (CheckedBatch.Part, [Int: String]) in
            var cache = preloaded
            var part = CheckedBatch.Part(rows: (index * Self.partRows)..<min(batch.count, (index + 1) * Self.partRows))
            part.spans.reserveCapacity(part.rows.count * StoredRow.fieldCount)
            var fields: [UnsafeRawBufferPointer?] = []
            var output = [UInt8](repeating: 0, count: 8_192)
            var failures: [Int: String] = [:]
            batch.bytes.withUnsafeBytes { bytes in
                for row in part.rows {
                    let first = part.spans.count
                    guard StoredRow.parse(batch.range(of: row), of: bytes, fields: &fields, into: &part.spans) else {
                        part.spans.append(contentsOf: repeatElement(nil, count: StoredRow.fieldCount))
                        continue
                    }
                    let why = part.spans.withUnsafeBufferPointer { spans in
                        let stored = StoredRow(bytes: bytes, spans: UnsafeBufferPointer(rebasing: spans[first...]))
                        return Self.payloadProblem(stored, dictionaries: &cache, output: &output)
                    }
                    if let why { failures[row] = why }
                }
            }
            return (part, failures)
        }
        return CheckedBatch(
            rows: batch, parts: checked.map(\.0),
            payloadFailures: checked.reduce(into: [:]) { all, part in all.merge(part.1) { first, _ in first } })
    }

    /// Recomputes the chain over `checked` in `seq` order, stopping at the first event that does
    /// not hold (a payload failure counts at its row).
    func checkChain(_ checked: CheckedBatch) {
        guard firstBadSeq == nil else { return }
        checked.rows.bytes.withUnsafeBytes { bytes in
            for part in checked.parts {
                let stopped = part.spans.withUnsafeBufferPointer { spans -> Bool in
                    for (offset, index) in part.rows.enumerated() {
                        let first = offset * StoredRow.fieldCount
                        let row = StoredRow(bytes: bytes, spans: UnsafeBufferPointer(rebasing: spans[first..<(first + StoredRow.fieldCount)]))
                        if !check(row, payloadFailure: checked.payloadFailures[index]) { return true }
                    }
                    return false
                }
                if stopped { break }
            }
        }
        lock.withLock {
            publishedCount = verified
            publishedFailure = firstBadSeq != nil
        }
    }

    /// One event's place in the chain; false (with the failure recorded) when it does not hold.
    private func check(_ row: StoredRow, payloadFailure: String?) -> Bool {
        guard let seq = row.seq else {
            fail(expectedSeq, "event \(expectedSeq) is not stored as twelve columns with a seq")
            return false
        }
        guard seq == expectedSeq else {
            fail(expectedSeq, "event \(expectedSeq) is missing (the next stored event is \(seq))")
            return false
        }
        if let payloadFailure {
            fail(seq, payloadFailure)
            return false
        }
        guard let eventType = row[1], let runID = row[3], runID.count == 16, let recordedAt = row[6],
              let rawLength = row.int32(8), let payloadHash = row[10], let storedChain = row[11]
        else {
            fail(seq, "a column the chain covers is null")
            return false
        }
        let chain = previousChain.withUnsafeBytes { previous in
            LedgerChain.digest(previous: previous, .init(
                seq: seq, eventType: eventType, vendorID: row.int32(2), runID: runID,
                observedOnDays: row[4].map { PostgresBinary.date($0.assumingMemoryBound(to: UInt8.self)).daysSinceEpoch },
                subject: row[5],
                recordedAtMicros: PostgresBinary.timestampMicros(recordedAt.assumingMemoryBound(to: UInt8.self)),
                dictionaryID: row.int32(7), rawLength: rawLength, payloadSHA256: payloadHash), message: &message)
        }
        guard chain.withUnsafeBytes({ $0.elementsEqual(storedChain) }) else {
            fail(seq, "chain_sha256 does not match the event's fields and the previous event's chain hash")
            return false
        }
        previousChain.withUnsafeMutableBytes { target in chain.withUnsafeBytes { target.copyMemory(from: $0) } }
        if collecting.contains(seq) { collected[seq] = previousChain }
        expectedSeq += 1
        verified += 1
        return true
    }

    private static func payloadProblem(_ row: StoredRow, dictionaries: inout LedgerDictionaryCache, output: inout [UInt8]) -> String? {
        guard let rawLength = row.int32(8), let block = row[9], let storedHash = row[10] else {
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
