import Foundation

/// Which folder holds the embedded cluster (`INVENTORY_HUB_HOME`), decided from the
/// environment alone, so the rule can be tested without touching the machine.
///
/// 1. `INVENTORY_HUB_HOME` when set (not empty);
/// 2. as root, `/var/lib/inventory-hub`: the server runs as the `postgres` user, which must
///    reach the folder, and root's home is normally closed (mode 0700), so `XDG_DATA_HOME` and
///    `HOME` are not used;
/// 3. `$XDG_DATA_HOME/inventory-hub` when `XDG_DATA_HOME` is an absolute path (the XDG base
///    directory rule: a relative value is ignored);
/// 4. `$HOME/.local/share/inventory-hub` when `HOME` is an absolute path;
/// 5. the password database's home of the user, plus `/.local/share/inventory-hub`.
public enum ClusterHome {
    /// The default as root.
    public static let rootDefault = "/var/lib/inventory-hub"

    public enum Source: Sendable, Equatable {
        case inventoryHubHome, rootDefault, xdgDataHome, home, passwordDatabase
    }

    public struct Choice: Sendable, Equatable {
        public let path: String
        public let source: Source
        /// Where versions before this rule put the cluster by default (the password database's
        /// home + `/.local/share/inventory-hub`), when that differs from `path` and
        /// `INVENTORY_HUB_HOME` is unset; a cluster found there deserves a note.
        public let formerDefault: String?

        public init(path: String, source: Source, formerDefault: String? = nil) {
            self.path = path
            self.source = source
            self.formerDefault = formerDefault
        }
    }

    /// - Parameters:
    ///   - uid: the effective user id (0 is root).
    ///   - passwordHome: the home directory the password database records for a uid.
    public static func resolve(environment: [String: String], uid: uid_t, passwordHome: (uid_t) -> String?) throws -> Choice {
        if let explicit = environment["INVENTORY_HUB_HOME"], !explicit.isEmpty {
            return Choice(path: explicit, source: .inventoryHubHome)
        }
        let former = absolute(passwordHome(uid)).map { join($0, ".local/share/inventory-hub") }
        func choice(_ path: String, _ source: Source) -> Choice {
            Choice(path: path, source: source, formerDefault: former == path ? nil : former)
        }
        if uid == 0 { return choice(rootDefault, .rootDefault) }
        if let xdg = absolute(environment["XDG_DATA_HOME"]) { return choice(join(xdg, "inventory-hub"), .xdgDataHome) }
        if let home = absolute(environment["HOME"]) { return choice(join(home, ".local/share/inventory-hub"), .home) }
        if let former { return choice(former, .passwordDatabase) }
        throw EmbeddedPostgresError(
            "cannot choose a folder for the embedded PostgreSQL: XDG_DATA_HOME and HOME are unset (or not absolute paths) "
                + "and the password database has no home for uid \(uid); set INVENTORY_HUB_HOME, or DB_DSN")
    }

    /// The home the password database records for `uid`, if any.
    public static func passwordDatabaseHome(uid: uid_t) -> String? {
        guard let entry = getpwuid(uid), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    private static func absolute(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value
    }

    /// `base` + "/" + `tail` without doubled slashes (`HOME=/` or `HOME=/home/ana/`).
    static func join(_ base: String, _ tail: String) -> String {
        var base = base
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return base == "/" ? "/" + tail : base + "/" + tail
    }
}
