import EmbeddedPostgres
import Foundation
import Testing

/// `PostgresAccess`: as root, may the `postgres` user reach and own the cluster's folder? The
/// file-system facts are a table, so these run without root and without a `postgres` user.
struct PostgresAccessTests {
    static let postgres = PostgresAccess.Account(name: "postgres", uid: 101, gid: 104, groups: [104, 103])

    static func folder(_ mode: UInt16, owner: uid_t = 0, group: gid_t = 0, isEmpty: Bool = false) -> PostgresAccess.Entry {
        .folder(mode: mode, owner: owner, group: group, isEmpty: isEmpty)
    }

    /// A Debian machine: `/`, `/var`, `/var/lib` and `/srv` open, `/root` closed, `/tmp` sticky.
    static let machine: [String: PostgresAccess.Entry] = [
        "/": folder(0o755), "/root": folder(0o700), "/tmp": folder(0o1777), "/var": folder(0o755), "/var/lib": folder(0o755),
        "/srv": folder(0o755), "/etc": folder(0o755), "/etc/passwd": .notFolder,
        "/home": folder(0o755), "/home/ana": folder(0o750, owner: 1000, group: 1000),
        "/tmp/ih-ok": folder(0o755, owner: 101, group: 104),
        "/tmp/empty": folder(0o755, isEmpty: true),
        "/tmp/file": .notFolder,
        "/var/lib/inventory-hub-units": folder(0o755, owner: 998, group: 998),
        "/var/lib/postgresql": folder(0o755, owner: 101, group: 104),
        "/var/lib/postgresql/private": folder(0o700, owner: 101, group: 104),
        "/srv/shared": folder(0o750, owner: 0, group: 103),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let folder: String
        let changes: [String: PostgresAccess.Entry]
        let expected: PostgresAccess.Decision
        var testDescription: String { "\(folder) \(changes.isEmpty ? "" : "with \(changes.keys.sorted()) changed ")→ \(expected)" }
        init(_ folder: String, _ changes: [String: PostgresAccess.Entry], _ expected: PostgresAccess.Decision) {
            self.folder = folder
            self.changes = changes
            self.expected = expected
        }
        init(_ folder: String, _ expected: PostgresAccess.Decision) { self.init(folder, [:], expected) }
    }

    static let cases: [Case] = [
        Case("/var/lib/inventory-hub", .usable),  // the root default, created on first start
        Case("/tmp/ih-ok", .usable),  // exists, already the postgres user's
        Case("/tmp/new/deeper/ih", .usable),  // missing folders on the way are created by us
        Case("/tmp/empty", .usable),  // an empty folder of root's may be handed over
        Case("/root/ihtest", .cannotEnter("/root")),
        Case("/root/.local/share/inventory-hub", .cannotEnter("/root")),  // the former root default
        Case("/root/ihtest", ["/root": folder(0o701)], .usable),  // after `chmod o+x /root` by the administrator
        Case("/root/ihtest", ["/root": folder(0o710, group: 104)], .usable),  // root's group is postgres's
        Case("/root/ihtest", ["/root": folder(0o710, group: 103)], .usable),  // a supplementary group (ssl-cert)
        Case("/home/ana/ih", .cannotEnter("/home/ana")),  // neither owner nor in ana's group; others may not enter
        Case("/var/lib/postgresql/private/ih", .usable),  // postgres owns the folder on the way
        Case("/var/lib/postgresql/private/ih", ["/var/lib/postgresql/private": folder(0o070, owner: 101, group: 104)], .cannotEnter("/var/lib/postgresql/private")),
        Case("/srv/shared/ih", .usable),  // through the group bit of ssl-cert
        Case("/srv/ih", ["/": folder(0o750)], .cannotEnter("/")),  // the first folder that refuses is named
        Case("/etc/passwd/ih", .notFolder("/etc/passwd")),
        Case("/tmp/file", .notFolder("/tmp/file")),
        Case("/tmp", .ownedByOther(owner: 0)),  // would hand /tmp itself to postgres
        Case("/root", .ownedByOther(owner: 0)),
        Case("/var/lib/inventory-hub-units", .ownedByOther(owner: 998)),  // a cluster of the systemd units' user
    ]

    @Test("whether the postgres user can reach and own a folder, from the folders' modes and owners", arguments: cases)
    func decides(_ example: Case) {
        let facts = Self.machine.merging(example.changes) { $1 }
        let decision = PostgresAccess.decide(folder: example.folder, account: Self.postgres, entry: { facts[$0] ?? .missing })
        #expect(decision == example.expected)
    }

    @Test("an access control list the mode bits do not show is asked about, only for folders the bits refuse", arguments: [true, false])
    func asksTheSystemWhenTheBitsRefuse(_ granted: Bool) {
        var asked: [String] = []
        let decision = PostgresAccess.decide(folder: "/root/ihtest", account: Self.postgres, entry: { Self.machine[$0] ?? .missing }) {
            asked.append($0)
            return granted
        }
        #expect(asked == ["/root"])
        #expect(decision == (granted ? .usable : .cannotEnter("/root")))
    }

    struct ModeCase: Sendable, CustomTestStringConvertible {
        let mode: UInt16
        let owner: uid_t
        let group: gid_t
        let mayEnter: Bool
        var testDescription: String { "\(String(mode, radix: 8)) \(owner):\(group) → \(mayEnter)" }
    }

    @Test(
        "search permission takes the owner's, else the group's, else the others' bit",
        arguments: [
            ModeCase(mode: 0o700, owner: 101, group: 0, mayEnter: true),
            ModeCase(mode: 0o077, owner: 101, group: 104, mayEnter: false),  // the owner class alone counts
            ModeCase(mode: 0o750, owner: 0, group: 104, mayEnter: true),
            ModeCase(mode: 0o701, owner: 0, group: 104, mayEnter: false),  // in the group: the others' bit is not looked at
            ModeCase(mode: 0o710, owner: 0, group: 103, mayEnter: true),  // supplementary group
            ModeCase(mode: 0o750, owner: 0, group: 0, mayEnter: false),
            ModeCase(mode: 0o701, owner: 0, group: 0, mayEnter: true),
            ModeCase(mode: 0o1777, owner: 0, group: 0, mayEnter: true),
            ModeCase(mode: 0o766, owner: 0, group: 0, mayEnter: false),  // read without execute is no entry
        ])
    func modeBits(_ example: ModeCase) {
        #expect(PostgresAccess.mayEnter(mode: example.mode, owner: example.owner, group: example.group, account: Self.postgres) == example.mayEnter)
    }

    @Test(
        "the folders entered on the way to a path",
        arguments: [
            ("/root/x/pg", ["/", "/root", "/root/x"]), ("/var/lib/inventory-hub", ["/", "/var", "/var/lib"]), ("/srv", ["/"]), ("/", []),
        ] as [(String, [String])])
    func ancestors(_ path: String, _ expected: [String]) {
        #expect(PostgresAccess.ancestors(of: path) == expected)
    }

    @Test("the refusal is one sentence naming the folder that blocks and what to do")
    func refusalSentences() {
        let names: (uid_t) -> String? = { [0: "root", 998: "inventory-hub"][$0] }
        func refusal(_ decision: PostgresAccess.Decision, _ shown: String, explicit: Bool = true) -> String? {
            PostgresAccess.refusal(decision, shown: shown, explicit: explicit, account: Self.postgres, userName: names)
        }
        #expect(refusal(.usable, "/tmp/ih-ok") == nil)
        #expect(
            refusal(.cannotEnter("/root"), "/root/ihtest")
                == "cannot use INVENTORY_HUB_HOME=/root/ihtest for the embedded PostgreSQL: as root the server runs as the postgres user, "
                + "which cannot enter /root; choose an INVENTORY_HUB_HOME it can reach, such as /var/lib/inventory-hub, "
                + "or grant it access yourself (chmod o+x /root, or setfacl -m u:postgres:x /root)")
        #expect(
            refusal(.cannotEnter("/var/lib"), "/var/lib/inventory-hub", explicit: false)
                == "cannot use /var/lib/inventory-hub for the embedded PostgreSQL: as root the server runs as the postgres user, "
                + "which cannot enter /var/lib; set INVENTORY_HUB_HOME to a folder it can reach, "
                + "or grant it access yourself (chmod o+x /var/lib, or setfacl -m u:postgres:x /var/lib)")
        #expect(
            refusal(.ownedByOther(owner: 0), "/tmp")
                == "cannot use INVENTORY_HUB_HOME=/tmp for the embedded PostgreSQL: it holds files and belongs to the root user, "
                + "and as root the server (run as postgres) would have to own it; choose a new or empty folder, such as /var/lib/inventory-hub")
        #expect(
            refusal(.ownedByOther(owner: 998), "/var/lib/inventory-hub", explicit: false)
                == "cannot use /var/lib/inventory-hub for the embedded PostgreSQL: it holds files and belongs to the inventory-hub user, "
                + "and as root the server (run as postgres) would have to own it; set INVENTORY_HUB_HOME to a new or empty folder, "
                + "or run the command as inventory-hub with INVENTORY_HUB_HOME=/var/lib/inventory-hub")
        #expect(refusal(.ownedByOther(owner: 4242), "/srv/x")?.contains("belongs to uid 4242") == true)
        #expect(
            refusal(.notFolder("/etc/passwd"), "/etc/passwd/ih")
                == "cannot use INVENTORY_HUB_HOME=/etc/passwd/ih for the embedded PostgreSQL: /etc/passwd is not a folder; set INVENTORY_HUB_HOME to a folder")
    }
}
