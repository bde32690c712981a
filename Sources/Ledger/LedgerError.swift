import PostgresClient

/// Ledger failures a person can act on.
public enum LedgerError: Error, Sendable, CustomStringConvertible {
    case emptyRun
    case mixedRun(String)
    case corruptEvent(seq: Int64, reason: String)
    case unknownDictionary(Int)
    /// The counter names a head event that is not stored (a truncated tail).
    case missingHead(Int64)
    /// A ledger copy's target already holds events.
    case mirrorTargetNotEmpty
    /// A ledger copy's target stored fewer rows than the source sent.
    case mirrorIncomplete(copy: String, sent: Int, stored: Int)

    public var description: String {
        switch self {
        case .emptyRun: return "a run must hold at least one event or a completion"
        case .mixedRun(let reason): return "the run's events do not belong together: \(reason)"
        case .corruptEvent(let seq, let reason): return "ledger event \(seq) cannot be read: \(reason) (run `inventory-hub verify`)"
        case .unknownDictionary(let id): return "ledger dictionary \(id) is missing"
        case .missingHead(let seq): return "the ledger's head event \(seq) is missing (run `inventory-hub verify`)"
        case .mirrorTargetNotEmpty: return "the ledger copy's target database already holds ledger events"
        case .mirrorIncomplete(let copy, let sent, let stored): return "copying the ledger failed: \(copy) stored \(stored) of \(sent) rows"
        }
    }
}
