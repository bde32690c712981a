import Foundation
import PostgresClient

extension Ledger {
    public struct MirrorReport: Sendable {
        public var events: Int
        public var dictionaries: Int
        /// The head the copy ends at: the source's `ledger_seq_counter` in the snapshot copied.
        public var headSeq: Int64
        public var seconds: Double
    }

    static let dictionaryColumns = "dict_id, vendor_id, created_at, sample_count, dictionary_sha256, dictionary"

    /// Copies this ledger, as of one snapshot, into the empty ledger of `target` (a freshly
    /// migrated database), byte for byte: dictionaries, events (payloads still compressed, hashes
    /// as stored) and the seq counter. This session only reads, so it may be a hot standby; a
    /// replay that cannot write where the ledger is runs on the copy instead.
    /// - Parameter progress: events copied so far, and the number to copy.
    public func mirror(into target: PostgresSession, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> MirrorReport {
        let started = Date()
        guard try Ledger(session: target, digests: nil).headSeq() == 0 else {
            throw LedgerError.mirrorTargetNotEmpty
        }
        return try session.readOnlySnapshot {
            let head = try headSeq()
            let total = Int(head)
            return try target.transaction {
                let dictionaries = try Self.passThrough(
                    from: session, "COPY ledger_dictionary (\(Self.dictionaryColumns)) TO STDOUT (FORMAT binary)",
                    into: target, "COPY ledger_dictionary (\(Self.dictionaryColumns)) FROM STDIN (FORMAT binary)")
                var done = 0
                progress(0, total)
                let events = try Self.passThrough(
                    from: session, "COPY ledger_event (\(Self.eventColumns)) TO STDOUT (FORMAT binary)",
                    into: target, Self.copySQL
                ) {
                    done += 1
                    if done % 10_000 == 0 { progress(min(done, total), total) }
                }
                progress(events, total)
                try target.query("UPDATE ledger_seq_counter SET last_seq = \(Int(head))")
                return MirrorReport(events: events, dictionaries: dictionaries, headSeq: head, seconds: Date().timeIntervalSince(started))
            }
        }
    }

    /// One table's rows from `source`'s `COPY … TO STDOUT` straight into `target`'s
    /// `COPY … FROM STDIN`, in PostgreSQL's binary format (both servers run the same schema).
    private static func passThrough(
        from source: PostgresSession, _ copyOut: String, into target: PostgresSession, _ copyIn: String,
        row: () -> Void = {}
    ) throws -> Int {
        var received = 0
        let copied = try target.copyIn(copyIn) { writer in
            received = try source.copyOut(copyOut) { chunk in
                try writer.appendRaw(chunk)
                row()
            }
        }
        guard copied == received else { throw LedgerError.mirrorIncomplete(copy: copyIn, sent: received, stored: copied) }
        return copied
    }
}
