import EmbeddedPostgres
import Foundation
import Ledger

/// Where the command line keeps ledger digests: `INVENTORY_HUB_DIGEST_DIR` when set, else
/// `<INVENTORY_HUB_HOME>/digests`, with the embedded cluster's rule for the home (see
/// `ClusterHome`) even when `DB_DSN` names another server, so one machine has one default.
/// Decided from the environment once, at start-up, and handed to the ledger library.
enum DigestFolder {
    static let variable = "INVENTORY_HUB_DIGEST_DIR"

    static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment, uid: uid_t = geteuid(),
        passwordHome: (uid_t) -> String? = ClusterHome.passwordDatabaseHome(uid:)
    ) throws -> URL {
        try HomeFolder.resolve(variable: variable, subfolder: "digests", environment: environment, uid: uid, passwordHome: passwordHome)
    }

    /// The digest log of this machine's ledger; a digest that cannot be written is reported
    /// through `warn` (stderr by default; `serve` passes its logger).
    static func log(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        warn: @escaping @Sendable (String) -> Void = LedgerDigestLog.standardErrorWarning
    ) throws -> LedgerDigestLog {
        LedgerDigestLog(folder: try resolve(environment: environment), warn: warn)
    }

    /// Makes every append of this process write its digest (`LedgerDigestLog.configure`).
    /// Called once when the executable starts; when no folder can be chosen (no home at all)
    /// appends still work, and a note on stderr says digests are off.
    static func configureLedgerDigests(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        warn: @escaping @Sendable (String) -> Void = LedgerDigestLog.standardErrorWarning
    ) {
        do {
            LedgerDigestLog.configure(try log(environment: environment, warn: warn))
        } catch {
            LedgerDigestLog.configure(nil)
            Terminal.note("note: ledger digests are off: \(error) (set \(variable))")
        }
    }

    /// For a ledger deliberately started over (`demo --fresh` drops it): moves the old
    /// ledger's digest folder aside as `<folder>.replaced-<UTC time>`, so the new ledger's
    /// digests start empty and the old ones are kept, not mixed in (they would fail `verify`).
    /// - Returns: where the folder went, nil when there was none.
    @discardableResult
    static func retire(_ folder: URL, now: Date = Date()) throws -> URL? {
        guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
        let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
        let target = folder.deletingLastPathComponent().appendingPathComponent("\(folder.lastPathComponent).replaced-\(stamp)")
        try FileManager.default.moveItem(at: folder, to: target)
        return target
    }
}
