import Foundation
import LZ4Codec
import PostgresClient

/// A device event's payload as stored (compressed), with what checking it takes: fetched on
/// the session's thread, then decompressed and hash-checked wherever the caller maps it (on
/// every core), so the thread that talks to the server only fetches.
public struct StoredPayload: Sendable {
    public let seq: Int64
    let dictionaryID: Int?
    let rawLength: Int
    let block: [UInt8]
    let sha256: [UInt8]
}

/// Decompresses and checks stored payloads against their `raw_len` and `payload_sha256`,
/// from any thread: its dictionaries are loaded beforehand.
public struct StoredPayloadDecoder: @unchecked Sendable {
    /// Preloaded (it never loads, so it never touches a session).
    private let dictionaries: LedgerDictionaryCache

    public init(session: PostgresSession) throws {
        dictionaries = try LedgerDictionaryCache.preloaded(session: session)
    }

    /// Whether every dictionary `payloads` use was loaded (one appended since is not).
    public func covers(_ payloads: [StoredPayload]) -> Bool {
        payloads.allSatisfy { $0.dictionaryID.map(dictionaries.holds) ?? true }
    }

    /// The payload's JSON bytes; `LedgerError.corruptEvent` when it does not decode to its
    /// declared length or does not match its hash, `unknownDictionary` for a missing one.
    public func payload(of stored: StoredPayload) throws -> [UInt8] {
        var cache = dictionaries
        let dictionary = try stored.dictionaryID.map { try cache.dictionary($0) }
        return try Ledger.checkedPayload(seq: stored.seq, block: stored.block, rawLength: stored.rawLength, sha256: stored.sha256, dictionary: dictionary)
    }
}

extension Ledger {
    /// The `device_observed` payloads of one run, in `seq` order, as stored: one query of the
    /// five columns a projection needs, nothing decompressed yet (`StoredPayloadDecoder`).
    public func storedDevicePayloads(ofRun runID: UUID) throws -> [StoredPayload] {
        try session.query("""
            SELECT seq, dict_id, raw_len, payload, payload_sha256 FROM ledger_event
            WHERE run_id = \(runID) AND event_type = \(LedgerEventType.deviceObserved) ORDER BY seq
            """, binaryResults: true).map { row in
            StoredPayload(
                seq: row.withBytes(0) { PostgresBinary.int64($0) }!,
                dictionaryID: row.withBytes(1) { PostgresBinary.integer($0) },
                rawLength: row.withBytes(2) { PostgresBinary.integer($0) }!,
                block: row.withBytes(3) { Array($0) }!,
                sha256: row.withBytes(4) { Array($0) }!)
        }
    }
}
