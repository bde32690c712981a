import Foundation

extension Ledger {
    /// Appends `head` to the digest log, after the transaction that made it the head has
    /// committed. A failure is reported through the log's warning and returned, never thrown:
    /// the events it describes are already in the ledger, and losing one digest line only
    /// widens the span the next digest vouches for.
    ///
    /// A crash between COMMIT and this write loses the line the same way; the next append
    /// (or a retry of the same run, which writes the current head) records the newer head.
    @discardableResult
    public func writeDigest(_ head: LedgerDigest) -> LedgerDigestWrite {
        guard let digests else { return .notConfigured }
        do {
            return .written(file: try digests.append(head).path)
        } catch {
            let reason = "\(error)"
            digests.warn(
                "ledger seq \(head.seq) is committed, but its digest could not be written to \(digests.folder.path): \(reason); "
                    + "the next append records the newer head")
            return .failed(reason: reason)
        }
    }
}
