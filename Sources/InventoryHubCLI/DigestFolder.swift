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
        if let explicit = environment[variable], !explicit.trimmingCharacters(in: .whitespaces).isEmpty {
            return URL(fileURLWithPath: explicit).standardizedFileURL
        }
        let home = try ClusterHome.resolve(environment: environment, uid: uid, passwordHome: passwordHome)
        return URL(fileURLWithPath: home.path).appendingPathComponent("digests").standardizedFileURL
    }

    /// The digest log of this machine's ledger, warnings on stderr.
    static func log(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LedgerDigestLog {
        LedgerDigestLog(folder: try resolve(environment: environment))
    }

    /// Makes every append of this process write its digest (`LedgerDigestLog.configure`).
    /// Called once when the executable starts; when no folder can be chosen (no home at all)
    /// appends still work, and a note on stderr says digests are off.
    static func configureLedgerDigests(environment: [String: String] = ProcessInfo.processInfo.environment) {
        do {
            LedgerDigestLog.configure(try log(environment: environment))
        } catch {
            LedgerDigestLog.configure(nil)
            Terminal.note("note: ledger digests are off: \(error) (set \(variable))")
        }
    }
}
