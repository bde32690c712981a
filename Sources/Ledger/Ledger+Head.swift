import Foundation
import PostgresClient

extension Ledger {
    /// The newest event: what a digest kept outside the database records and what an auditor
    /// compares it with.
    public struct Head: Sendable, Hashable {
        public let seq: Int64
        public let chainSHA256: [UInt8]
        public let recordedAt: Date
        public let events: Int64

        public var chainHex: String { chainSHA256.map { String(format: "%02x", $0) }.joined() }
    }

    /// The head of the ledger, nil while it is empty. The ledger is gapless from 1, so the
    /// number of events is the head's seq.
    public func head() throws -> Head? {
        try head(atSeq: nil)
    }

    /// The event at `seq` as a head: what a report bounded by that seq names (its chain hash and
    /// the time it was recorded); nil when the ledger has no such event. `nil` is the head.
    public func head(atSeq seq: Int64?) throws -> Head? {
        let bound: PostgresQuery = seq.map { "\(Int($0))" } ?? "(SELECT last_seq FROM ledger_seq_counter)"
        return try session.query("""
            SELECT seq, encode(chain_sha256, 'hex'), recorded_at FROM ledger_event WHERE seq = \(bound)
            """).first.map { row in
            let seq = Int64(try row.decode(Int.self, 0))
            let hex = try row.decode(String.self, 1)
            var bytes: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
                index = next
            }
            return Head(seq: seq, chainSHA256: bytes, recordedAt: try row.decode(Date.self, 2), events: seq)
        }
    }
}

extension Ledger {
    /// The head as a digest, with `recorded_at` to the microsecond as stored; nil while the
    /// ledger is empty.
    public func headDigest() throws -> LedgerDigest? {
        try session.query("""
            SELECT e.seq, e.chain_sha256, (extract(epoch FROM e.recorded_at) * 1000000)::bigint
            FROM ledger_seq_counter c JOIN ledger_event e ON e.seq = c.last_seq
            """, binaryResults: true).first.map { row in
            let seq = row.withBytes(0) { PostgresBinary.int64($0) }!
            return LedgerDigest(
                seq: seq, chainSHA256: row.withBytes(1) { Array($0) }!,
                recordedAtMicros: row.withBytes(2) { PostgresBinary.int64($0) }!, events: seq)
        }
    }
}
