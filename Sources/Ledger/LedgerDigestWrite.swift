/// What became of the digest of one append.
public enum LedgerDigestWrite: Sendable, Hashable {
    /// The ledger has no digest log.
    case notConfigured
    /// The head was appended to this file.
    case written(file: String)
    /// The events are committed but the digest could not be written (the warning said why).
    /// Harmless for the ledger: the next append's digest covers this one's events too.
    case failed(reason: String)
    /// The append joined the caller's open transaction, so the caller commits: it must call
    /// `Ledger.writeDigest(result.head)` after its COMMIT (never before, or a rolled-back
    /// append would leave a digest past the head).
    case deferredToCaller
}
