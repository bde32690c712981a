import Foundation
import LZ4Codec
import PostgresClient

/// The append-only, hash-chained event ledger (DESIGN §4), used through one session.
public struct Ledger {
    /// Every appender takes this transaction-level lock, so `seq` ranges commit in order.
    public static let appendLockKey = PostgresSession.advisoryKey("inventory-hub.ledger.append")
    /// Every stored column of `ledger_event`, in the order the append, the mirror and the
    /// verifier write and read them.
    static let eventColumns = """
        seq, event_type, vendor_id, run_id, observed_on, subject, recorded_at, dict_id, raw_len, payload, payload_sha256, chain_sha256
        """
    static let copySQL = "COPY ledger_event (\(eventColumns)) FROM STDIN (FORMAT binary)"
    static let copyFieldCount = eventColumns.split(separator: ",").count

    let session: PostgresSession
    /// Where the head goes after each committed append; nil writes no digests.
    let digests: LedgerDigestLog?

    /// - Parameter digests: the digest log appends write to; by default the one the process
    ///   configured (`LedgerDigestLog.configure(_:)`), none when it configured none.
    public init(session: PostgresSession, digests: LedgerDigestLog? = LedgerDigestLog.configured) {
        self.session = session
        self.digests = digests
    }

    /// Appends `run` atomically: one transaction, the append lock, a contiguous `seq` range
    /// reserved from the counter, the events by COPY and the `collection_completed` event last.
    /// A run whose `run_id` is already in the ledger appends nothing (a safe retry).
    ///
    /// After COMMIT the new head is written to the digest log (a retry writes the current
    /// head, which also restores a digest a crash lost). A digest that cannot be written is
    /// reported through the log's warning and in `digestWrite`, never as a failed append: the
    /// events are committed by then. When the caller's own transaction is open, COMMIT is the
    /// caller's, so nothing is written and `digestWrite` is `.deferredToCaller`: call
    /// `writeDigest(result.head)` after committing.
    @discardableResult
    public func append(_ run: LedgerRun) throws -> LedgerAppendResult {
        let commitsHere = !session.isInTransaction
        var result = try appendInTransaction(run)
        if digests == nil {
            result.digestWrite = .notConfigured
        } else {
            result.digestWrite = commitsHere ? writeDigest(result.head) : .deferredToCaller
        }
        return result
    }

    private func appendInTransaction(_ run: LedgerRun) throws -> LedgerAppendResult {
        guard !run.events.isEmpty || run.completion != nil else { throw LedgerError.emptyRun }
        return try session.transaction {
            try session.lockForTransaction(Self.appendLockKey)
            if try session.query("SELECT 1 FROM ledger_event WHERE run_id = \(run.runID) LIMIT 1").first != nil {
                let range = try session.query("SELECT min(seq), max(seq), count(*) FROM ledger_event WHERE run_id = \(run.runID)")[0]
                guard let head = try headDigest() else { throw LedgerError.missingHead(try headSeq()) }
                return LedgerAppendResult(
                    runID: run.runID, appended: false, firstSeq: Int64(try range.decode(Int.self, 0)),
                    lastSeq: Int64(try range.decode(Int.self, 1)), eventCount: try range.decode(Int.self, 2),
                    rawBytes: 0, storedBytes: 0, dictionaryID: nil, head: head)
            }
            let compressor = try compressor(for: run)
            let total = run.events.count + (run.completion == nil ? 0 : 1)
            let head = try session.query("""
                SELECT c.last_seq, e.chain_sha256, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
                FROM ledger_seq_counter c LEFT JOIN ledger_event e ON e.seq = c.last_seq
                """)[0]
            let lastSeq = Int64(try head.decode(Int.self, 0))
            var previousChain = try head.decode([UInt8]?.self, 1) ?? LedgerChain.genesis
            let recordedAt = Int64(try head.decode(Int.self, 2))
            try session.query("UPDATE ledger_seq_counter SET last_seq = last_seq + \(total)")

            var seq = lastSeq
            var rawBytes = 0
            var storedBytes = 0
            var runHasher = LedgerRunDigest()
            try session.copyInBinary(Self.copySQL, fieldCount: Self.copyFieldCount) { writer in
                func write(_ draft: LedgerEventDraft, dictionaryID: Int?, compress: (([UInt8]) throws -> [UInt8])) throws {
                    seq += 1
                    let block = try compress(draft.payload)
                    let payloadHash = LedgerChain.sha256(draft.payload)
                    let chain = LedgerChain.next(previous: previousChain, .init(
                        seq: seq, eventType: draft.eventType, vendorID: draft.vendorID, runID: run.runID,
                        observedOn: draft.observedOn, subject: draft.subject, recordedAtMicros: recordedAt,
                        dictionaryID: dictionaryID, rawLength: draft.payload.count, payloadSHA256: payloadHash))
                    writer.appendInt64(seq)
                    writer.appendText(draft.eventType)
                    try writer.appendInt32(draft.vendorID)
                    writer.appendUUID(run.runID)
                    writer.appendDate(draft.observedOn)
                    writer.appendText(draft.subject)
                    writer.appendTimestamp(micros: recordedAt)
                    try writer.appendInt32(dictionaryID)
                    try writer.appendInt32(draft.payload.count)
                    writer.appendBytea(block)
                    writer.appendBytea(payloadHash)
                    writer.appendBytea(chain)
                    try writer.endRow()
                    previousChain = chain
                    rawBytes += draft.payload.count
                    storedBytes += block.count
                    runHasher.add(payloadHash)
                }
                for draft in run.events {
                    try write(draft, dictionaryID: compressor.id, compress: compressor.compress)
                }
                if let completion = run.completion {
                    let payload = LedgerPayload.collectionCompleted(
                        vendorID: run.vendorID, completion: completion, deviceCount: run.events.count,
                        runPayloadSHA256: runHasher.finalize())
                    let draft = LedgerEventDraft(
                        eventType: LedgerEventType.collectionCompleted, vendorID: run.vendorID,
                        observedOn: run.observedOn, subject: nil, payload: payload)
                    try write(draft, dictionaryID: nil, compress: { try LZ4Codec.compress($0) })
                }
            }
            return LedgerAppendResult(
                runID: run.runID, appended: true, firstSeq: lastSeq + 1, lastSeq: seq, eventCount: total,
                rawBytes: rawBytes, storedBytes: storedBytes, dictionaryID: compressor.id,
                head: LedgerDigest(seq: seq, chainSHA256: previousChain, recordedAtMicros: recordedAt, events: seq))
        }
    }

    /// The vendor's dictionary, made from this run's payloads when the vendor has none yet.
    private func compressor(for run: LedgerRun) throws -> (id: Int?, compress: ([UInt8]) throws -> [UInt8]) {
        guard let vendorID = run.vendorID, !run.events.isEmpty else { return (nil, { try LZ4Codec.compress($0) }) }
        if let existing = try LedgerDictionaries.newest(vendorID: vendorID, session: session) {
            let compressor = LZ4DictionaryCompressor(dictionary: existing.dictionary)
            return (existing.id, { try compressor.compress($0) })
        }
        guard let built = LedgerDictionaries.build(from: run.events.map(\.payload)) else {
            return (nil, { try LZ4Codec.compress($0) })
        }
        let id = try LedgerDictionaries.insert(built.dictionary, vendorID: vendorID, sampleCount: built.sampleCount, session: session)
        let compressor = LZ4DictionaryCompressor(dictionary: built.dictionary)
        return (id, { try compressor.compress($0) })
    }
}

/// SHA-256 over the payload hashes of a run, in order: recorded in `collection_completed`, so
/// a run's completeness can be proven from its events.
struct LedgerRunDigest {
    private var hashes: [UInt8] = []
    mutating func add(_ payloadHash: [UInt8]) { hashes.append(contentsOf: payloadHash) }
    func finalize() -> [UInt8] { LedgerChain.sha256(hashes) }
}
