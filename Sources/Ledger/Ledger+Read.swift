import LZ4Codec
import PostgresClient

extension Ledger {
    /// Calls `body` with each event after `seq` that passes `filter`, in `seq` order, its
    /// payload decompressed and checked against its hash. Events are fetched in batches by
    /// keyset (`seq > last`), so memory stays bounded however long the ledger is.
    /// - Returns: the seq of the last event delivered (or `seq` when none).
    @discardableResult
    public func forEachEvent(
        after seq: Int64 = 0, filter: LedgerFilter = LedgerFilter(), batchSize: Int = 5_000,
        _ body: (LedgerEvent) throws -> Void
    ) throws -> Int64 {
        var cursor = seq
        var dictionaries = LedgerDictionaryCache(session: session)
        while true {
            let rows = try session.query(filter.query(after: cursor, limit: batchSize), binaryResults: true)
            for row in rows {
                let event = try Self.decode(row, dictionaries: &dictionaries)
                cursor = event.seq
                try body(event)
            }
            if rows.count < batchSize { return cursor }
        }
    }

    /// The highest `seq` appended so far (0 for an empty ledger).
    public func headSeq() throws -> Int64 {
        Int64(try session.query("SELECT last_seq FROM ledger_seq_counter")[0].decode(Int.self, 0))
    }

    /// A stored payload decompressed and held to its `raw_len` and `payload_sha256`;
    /// `LedgerError.corruptEvent` naming `seq` when it is not what was appended.
    static func checkedPayload(
        seq: Int64, block: some Collection<UInt8>, rawLength: Int, sha256: [UInt8], dictionary: LZ4Dictionary?
    ) throws -> [UInt8] {
        let payload: [UInt8]
        do {
            payload = try LZ4Codec.decompress(block, decompressedSize: rawLength, dictionary: dictionary)
        } catch {
            throw LedgerError.corruptEvent(seq: seq, reason: "\(error)")
        }
        guard LedgerChain.sha256(payload) == sha256 else {
            throw LedgerError.corruptEvent(seq: seq, reason: "the payload does not match payload_sha256")
        }
        return payload
    }

    static func decode(_ row: PostgresRow, dictionaries: inout LedgerDictionaryCache) throws -> LedgerEvent {
        let seq = row.withBytes(0) { PostgresBinary.int64($0) }!
        let dictionaryID = row.withBytes(7) { PostgresBinary.integer($0) }
        let rawLength = row.withBytes(8) { PostgresBinary.integer($0) }!
        let payloadHash = row.withBytes(10) { Array($0) }!
        let dictionary = try dictionaryID.map { try dictionaries.dictionary($0) }
        let payload = try row.withBytes(9) {
            try checkedPayload(seq: seq, block: $0, rawLength: rawLength, sha256: payloadHash, dictionary: dictionary)
        }!
        return LedgerEvent(
            seq: seq,
            eventType: row.withBytes(1) { PostgresBinary.text($0) }!,
            vendorID: row.withBytes(2) { PostgresBinary.integer($0) },
            runID: row.withBytes(3) { PostgresBinary.uuid($0) }!!,
            observedOn: row.withBytes(4) { PostgresBinary.date($0) },
            subject: row.withBytes(5) { PostgresBinary.text($0) },
            recordedAtMicros: row.withBytes(6) { PostgresBinary.timestampMicros($0) }!,
            dictionaryID: dictionaryID,
            payload: payload,
            payloadSHA256: payloadHash,
            chainSHA256: row.withBytes(11) { Array($0) }!)
    }
}

/// Dictionaries by id, loaded once per read.
struct LedgerDictionaryCache {
    /// Nil for a cache that only serves what was preloaded (used off the session's thread).
    let session: PostgresSession?
    private var loaded: [Int: LZ4Dictionary] = [:]

    init(session: PostgresSession?) { self.session = session }

    /// Every dictionary, loaded now, for a reader that must not touch the session later.
    static func preloaded(session: PostgresSession) throws -> LedgerDictionaryCache {
        var cache = LedgerDictionaryCache(session: session)
        for row in try session.query("SELECT dict_id FROM ledger_dictionary") { _ = try cache.dictionary(try row.decode(Int.self, 0)) }
        return LedgerDictionaryCache(session: nil, loaded: cache.loaded)
    }

    private init(session: PostgresSession?, loaded: [Int: LZ4Dictionary]) {
        self.session = session
        self.loaded = loaded
    }

    func holds(_ id: Int) -> Bool { loaded[id] != nil }

    mutating func dictionary(_ id: Int) throws -> LZ4Dictionary {
        if let cached = loaded[id] { return cached }
        guard let session else { throw LedgerError.unknownDictionary(id) }
        let dictionary = try LedgerDictionaries.load(id: id, session: session)
        loaded[id] = dictionary
        return dictionary
    }
}
