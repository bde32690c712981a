import EmbeddedPostgres
import Foundation

/// A folder the command line keeps beside the embedded cluster: the path in `variable` when it
/// is set, else `<INVENTORY_HUB_HOME>/<subfolder>` with the embedded cluster's rule for the home
/// (see `ClusterHome`), also when `DB_DSN` names another server, so one machine has one default.
enum HomeFolder {
    static func resolve(
        variable: String, subfolder: String, environment: [String: String] = ProcessInfo.processInfo.environment, uid: uid_t = geteuid(),
        passwordHome: (uid_t) -> String? = ClusterHome.passwordDatabaseHome(uid:)
    ) throws -> URL {
        if let explicit = environment[variable], !explicit.trimmingCharacters(in: .whitespaces).isEmpty {
            return URL(fileURLWithPath: explicit).standardizedFileURL
        }
        let home = try ClusterHome.resolve(environment: environment, uid: uid, passwordHome: passwordHome)
        return URL(fileURLWithPath: home.path).appendingPathComponent(subfolder).standardizedFileURL
    }
}
