/// The ledger compared with the digests written outside it. The chain check alone proves the
/// stored events are consistent with each other; it cannot see a chain recomputed from a
/// changed event onward, nor a tail deleted together with the counter. A digest can: its `seq`
/// past the head is a truncated tail, its chain hash differing from the recomputed one at its
/// `seq` is a rewritten chain.
public struct LedgerDigestCheck: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// Every digest matches the ledger.
        case held
        /// At least one digest does not match, or a digest line is unreadable.
        case failed
        /// There is no digest folder: nothing can be said about a rewrite or a truncation.
        case missing
        /// The folder exists but holds no digest line: as little can be said.
        case empty
        /// No digest failed, but some lie at or after the chain's first bad `seq` and were not
        /// compared (the chain check has failed already).
        case incomplete
    }

    public enum Kind: String, Sendable, Hashable {
        /// The digest's `seq` is past the ledger's head.
        case truncatedTail = "truncated_tail"
        /// The recomputed chain hash at the digest's `seq` differs from the digest's.
        case rewrittenChain = "rewritten_chain"
        /// The line is not a digest.
        case unreadable
    }

    public struct Failure: Sendable, Hashable {
        public let file: String
        public let line: Int
        /// Nil for an unreadable line.
        public let seq: Int64?
        public let kind: Kind
        public let message: String
    }

    public let folder: String
    public let files: [String]
    /// Digest lines compared with the ledger (held or failed).
    public let checked: Int
    /// Digests at or after the chain's first bad `seq`: not compared, the chain check has
    /// already failed there.
    public let unchecked: Int
    /// The highest `seq` of a digest that holds.
    public let newestHeldSeq: Int64?
    public let failures: [Failure]
    let exists: Bool

    public var status: Status {
        if !exists { return .missing }
        if !failures.isEmpty { return .failed }
        if unchecked > 0 { return .incomplete }
        return checked == 0 ? .empty : .held
    }

    /// Compares every entry of `listing` with what the verifier saw. `chain.chainAtSeqs` must
    /// hold the recomputed hash of every digest's `seq` the check reached intact.
    public static func compare(_ listing: LedgerDigestListing, with chain: LedgerVerifier.Report) -> LedgerDigestCheck {
        compare(listing, headSeq: chain.headSeq, chainAt: chain.chainAtSeqs)
    }

    /// The comparison itself, over plain values: `chainAt` holds the recomputed chain hash of
    /// each position the chain check reached intact, `headSeq` the counter's head.
    public static func compare(_ listing: LedgerDigestListing, headSeq: Int64, chainAt: [Int64: [UInt8]]) -> LedgerDigestCheck {
        let digests = listing.entries.compactMap { entry in entry.digest.map { (entry, $0) } }
        // The highest seq whose digest holds, below a failing one, bounds where a rewrite began.
        let held = digests.compactMap { entry, digest in
            digest.seq <= headSeq && chainAt[digest.seq] == digest.chainSHA256 ? digest.seq : nil
        }.sorted()
        var failures: [Failure] = []
        var checked = 0
        var unchecked = 0
        for entry in listing.entries {
            let place = "\(entry.file) line \(entry.line)"
            let digest: LedgerDigest
            switch entry.parsed {
            case .failure(let error):
                failures.append(Failure(
                    file: entry.file, line: entry.line, seq: nil, kind: .unreadable,
                    message: "\(place) is not a ledger digest: \(error.reason)"))
                continue
            case .success(let parsed): digest = parsed
            }
            if digest.seq > headSeq {
                checked += 1
                failures.append(Failure(
                    file: entry.file, line: entry.line, seq: digest.seq, kind: .truncatedTail,
                    message: "\(place): digest seq \(digest.seq) is past the ledger's head \(headSeq): "
                        + "the tail of the ledger was removed (truncated tail)"))
                continue
            }
            guard let recomputed = chainAt[digest.seq] else {
                unchecked += 1
                continue
            }
            checked += 1
            if recomputed != digest.chainSHA256 {
                let after = held.last(where: { $0 < digest.seq }) ?? 0
                failures.append(Failure(
                    file: entry.file, line: entry.line, seq: digest.seq, kind: .rewrittenChain,
                    message: "\(place): the chain hash at seq \(digest.seq) is \(recomputed.hexString), the digest says \(digest.chainHex): "
                        + "an event in seq \(after + 1)…\(digest.seq) was changed or replaced and the chain recomputed (rewritten chain)"))
            }
        }
        return LedgerDigestCheck(
            folder: listing.folder, files: listing.files, checked: checked, unchecked: unchecked, newestHeldSeq: held.last,
            failures: failures, exists: listing.exists)
    }
}
