import Foundation

/// As root, the server runs as the `postgres` system user; it must be able to enter every folder
/// above `INVENTORY_HUB_HOME`, and own that folder. This decides, from facts about the folders
/// (injected, so tests need neither root nor a `postgres` user), whether the cluster may live
/// there. Nothing above the folder is ever changed: an unreachable folder is refused.
public enum PostgresAccess {
    /// The user the server runs as, with its supplementary groups.
    public struct Account: Sendable, Equatable {
        public let name: String
        public let uid: uid_t
        public let gid: gid_t
        public let groups: [gid_t]

        public init(name: String, uid: uid_t, gid: gid_t, groups: [gid_t] = []) {
            self.name = name
            self.uid = uid
            self.gid = gid
            self.groups = groups
        }
    }

    /// What is at one path.
    public enum Entry: Sendable, Equatable {
        case missing
        case notFolder
        /// `mode` holds the permission bits (`0o755`); `isEmpty` matters only for the cluster's own folder.
        case folder(mode: UInt16, owner: uid_t, group: gid_t, isEmpty: Bool)
    }

    public enum Decision: Sendable, Equatable {
        /// Missing folders are created (the ones on the way with mode 0755), the folder is given to the account.
        case usable
        /// This path, the folder itself or one above it, exists and is not a folder.
        case notFolder(String)
        /// The account may not enter this folder above the cluster's folder.
        case cannotEnter(String)
        /// The folder holds files and belongs to another user: handing it to the account would take it over.
        case ownedByOther(owner: uid_t)
    }

    /// POSIX search permission on a folder: the owner's bit for the owner, the group's bit for a
    /// member of the folder's group, else the others' bit (only the first class that matches counts).
    public static func mayEnter(mode: UInt16, owner: uid_t, group: gid_t, account: Account) -> Bool {
        if account.uid == 0 { return true }
        if owner == account.uid { return mode & 0o100 != 0 }
        if group == account.gid || account.groups.contains(group) { return mode & 0o010 != 0 }
        return mode & 0o001 != 0
    }

    /// `/`, `/root`, `/root/x` for `/root/x/pg`: the folders one must enter to reach `path` (absolute).
    public static func ancestors(of path: String) -> [String] {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !components.isEmpty else { return [] }
        return (0..<components.count).map { "/" + components[..<$0].joined(separator: "/") }
    }

    /// - Parameters:
    ///   - folder: the cluster's folder, absolute and free of symbolic links.
    ///   - entry: what is at a path.
    ///   - grantedOtherwise: asked only when the mode bits refuse entry to a folder: whether the
    ///     system still lets the account in (an access control list such as `setfacl -m u:postgres:x`).
    public static func decide(
        folder: String, account: Account, entry: (String) -> Entry, grantedOtherwise: (String) -> Bool = { _ in false }
    ) -> Decision {
        for ancestor in ancestors(of: folder) {
            switch entry(ancestor) {
            case .missing:
                return .usable  // this one and those below are created by us, reachable
            case .notFolder:
                return .notFolder(ancestor)
            case .folder(let mode, let owner, let group, _):
                if !mayEnter(mode: mode, owner: owner, group: group, account: account), !grantedOtherwise(ancestor) {
                    return .cannotEnter(ancestor)
                }
            }
        }
        switch entry(folder) {
        case .missing:
            return .usable
        case .notFolder:
            return .notFolder(folder)
        case .folder(_, let owner, _, let isEmpty):
            return owner == account.uid || isEmpty ? .usable : .ownedByOther(owner: owner)
        }
    }

    /// The refusal in one sentence, saying what to do; `nil` for `.usable`.
    /// - Parameters:
    ///   - shown: the folder as the user named it (`INVENTORY_HUB_HOME`, or the default).
    ///   - explicit: whether `INVENTORY_HUB_HOME` named it (otherwise it is the root default).
    ///   - userName: the login name of a uid, for `.ownedByOther`.
    public static func refusal(
        _ decision: Decision, shown: String, explicit: Bool, account: Account, userName: (uid_t) -> String? = { _ in nil }
    ) -> String? {
        let subject = explicit ? "INVENTORY_HUB_HOME=\(shown)" : shown
        let alternative = explicit
            ? "choose an INVENTORY_HUB_HOME it can reach, such as \(ClusterHome.rootDefault),"
            : "set INVENTORY_HUB_HOME to a folder it can reach,"
        switch decision {
        case .usable:
            return nil
        case .notFolder(let path):
            return "cannot use \(subject) for the embedded PostgreSQL: \(path) is not a folder; set INVENTORY_HUB_HOME to a folder"
        case .cannotEnter(let path):
            return "cannot use \(subject) for the embedded PostgreSQL: as root the server runs as the \(account.name) user, "
                + "which cannot enter \(path); \(alternative) or grant it access yourself "
                + "(chmod o+x \(path), or setfacl -m u:\(account.name):x \(path))"
        case .ownedByOther(let owner):
            let name = userName(owner)
            let runAs = owner == 0 || name == nil
                ? "" : ", or run the command as \(name!)" + (explicit ? "" : " with INVENTORY_HUB_HOME=\(shown)")
            return "cannot use \(subject) for the embedded PostgreSQL: it holds files and belongs to "
                + (name.map { "the \($0) user" } ?? "uid \(owner)")
                + ", and as root the server (run as \(account.name)) would have to own it; "
                + (explicit ? "choose a new or empty folder, such as \(ClusterHome.rootDefault)" : "set INVENTORY_HUB_HOME to a new or empty folder")
                + runAs
        }
    }
}

// MARK: - The facts of this machine

extension PostgresAccess {
    /// The `postgres` system user, or a sentence saying it is missing.
    static func postgresAccount() throws -> Account {
        guard let entry = getpwnam("postgres") else {
            throw EmbeddedPostgresError(
                "as root the embedded PostgreSQL runs as the postgres system user, and there is none; "
                    + "install the postgresql package (which creates it), or set DB_DSN")
        }
        let uid = entry.pointee.pw_uid
        let gid = entry.pointee.pw_gid
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist("postgres", gid, &groups, &count) == -1 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist("postgres", gid, &groups, &count)
        }
        return Account(name: "postgres", uid: uid, gid: gid, groups: Array(groups.prefix(Int(max(count, 0)))))
    }

    /// `stat` of one path (following symbolic links).
    static func entry(at path: String) -> Entry {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT ? .missing : .notFolder }
        guard info.st_mode & S_IFMT == S_IFDIR else { return .notFolder }
        let isEmpty = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).isEmpty
        return .folder(mode: UInt16(info.st_mode & 0o7777), owner: info.st_uid, group: info.st_gid, isEmpty: isEmpty)
    }

    /// `path` with the symbolic links of its existing part resolved (the missing rest appended),
    /// so the folders checked are the ones the server will really pass through.
    static func resolvingLinks(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                return rest.reversed().reduce(String(cString: resolved)) { ClusterHome.join($0, $1) }
            }
            if existing == "/" || existing.isEmpty { return path }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
    }

    static func userName(uid: uid_t) -> String? {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// The system's own answer (`runuser -u postgres -- test -x`), which honours access control lists.
    static func systemLetsPostgresEnter(_ path: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/test") else { return false }
        return (try? ProcessRunner(runAsPostgresUser: true).run("/usr/bin/test", ["-x", path]))?.status == 0
    }
}
