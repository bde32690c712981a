import Synchronization

extension LedgerDigestLog {
    private static let processDefault = Mutex<LedgerDigestLog?>(nil)

    /// Sets the digest log every `Ledger(session:)` of this process writes to, so every append
    /// path (collectors, resolutions, the demo, the HTTP API) records digests without passing
    /// the log through each caller. The executable calls this once at start-up from its own
    /// configuration (`INVENTORY_HUB_DIGEST_DIR`); library code never reads the environment.
    /// `nil` turns digests off.
    public static func configure(_ log: LedgerDigestLog?) {
        processDefault.withLock { $0 = log }
    }

    /// The log set by `configure(_:)`, nil until then.
    public static var configured: LedgerDigestLog? {
        processDefault.withLock { $0 }
    }
}
