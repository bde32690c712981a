extension LedgerVerifier {
    /// The chain check and the digest comparison of one verification.
    public struct DigestedReport: Sendable, Hashable {
        public let chain: Report
        public let digests: LedgerDigestCheck

        /// Everything holds: the chain, and digests that exist and match it.
        public var isProven: Bool { chain.isIntact && digests.status == .held }
    }

    /// Verifies the chain and compares it with every digest in `log`. The digest files are
    /// read first, so the one streaming pass over the ledger also keeps the recomputed chain
    /// hash at each digest's `seq`; the ledger is not read twice.
    public func verify(
        digests log: LedgerDigestLog, batchSize: Int = 10_000, progress: (Int, Int64) -> Void = { _, _ in }
    ) throws -> DigestedReport {
        let listing = try log.readAll()
        let positions = Set(listing.entries.compactMap { $0.digest?.seq })
        let chain = try verify(batchSize: batchSize, chainAt: positions, progress: progress)
        return DigestedReport(chain: chain, digests: LedgerDigestCheck.compare(listing, with: chain))
    }
}
