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

        public var isIntact: Bool { firstBadSeq == nil }
        public var eventsPerSecond: Double { seconds > 0 ? Double(verifiedCount) / seconds : 0 }
    }

    let session: PostgresSession

    public init(session: PostgresSession) {
        self.session = session
    }

    /// - Parameter progress: called after each batch with (events verified, head seq).
    public func verify(batchSize: Int = 10_000, progress: (Int, Int64) -> Void = { _, _ in }) throws -> Report {
        let started = Date()
        let head = try Ledger(session: session).headSeq()
        var dictionaries = LedgerDictionaryCache(session: session)
        var expectedSeq: Int64 = 1
        var previousChain = LedgerChain.genesis
        var verified = 0
        func report(_ bad: Int64?, _ reason: String?) -> Report {
            Report(verifiedCount: verified, headSeq: head, seconds: Date().timeIntervalSince(started), firstBadSeq: bad, reason: reason)
        }
        while true {
            let rows = try session.query(LedgerFilter().query(after: expectedSeq - 1, limit: batchSize), binaryResults: true)
            for row in rows {
                let seq = row.withBytes(0) { PostgresBinary.int64($0) }!
                guard seq == expectedSeq else {
                    return report(expectedSeq, "event \(expectedSeq) is missing (the next stored event is \(seq))")
                }
                let event: LedgerEvent
                do {
                    event = try Ledger.decode(row, dictionaries: &dictionaries)
                } catch let LedgerError.corruptEvent(_, reason) {
                    return report(seq, reason)
                }
                let chain = LedgerChain.next(previous: previousChain, .init(
                    seq: event.seq, eventType: event.eventType, vendorID: event.vendorID, runID: event.runID,
                    observedOn: event.observedOn, subject: event.subject, recordedAtMicros: event.recordedAtMicros,
                    dictionaryID: event.dictionaryID, rawLength: event.payload.count, payloadSHA256: event.payloadSHA256))
                guard chain == event.chainSHA256 else {
                    return report(seq, "chain_sha256 does not match the event's fields and the previous event's chain hash")
                }
                previousChain = chain
                expectedSeq += 1
                verified += 1
            }
            progress(verified, head)
            if rows.count < batchSize { break }
        }
        if expectedSeq - 1 < head {
            return report(expectedSeq, "events \(expectedSeq)…\(head) are missing (the counter says \(head) were appended)")
        }
        return report(nil, nil)
    }
}
