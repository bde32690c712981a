import EmbeddedPostgres
import Foundation
import Testing

/// `ClusterHome.resolve`: which folder holds the embedded cluster, from the environment, the
/// effective uid and the password database (injected; nothing on the machine is read).
struct ClusterHomeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let environment: [String: String]
        let uid: uid_t
        let passwordHome: String?
        let path: String
        let source: ClusterHome.Source
        let formerDefault: String?

        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(
            label: "INVENTORY_HUB_HOME wins over everything", environment: ["INVENTORY_HUB_HOME": "/srv/ih", "XDG_DATA_HOME": "/x", "HOME": "/h"],
            uid: 1000, passwordHome: "/home/ana", path: "/srv/ih", source: .inventoryHubHome, formerDefault: nil),
        Case(
            label: "INVENTORY_HUB_HOME wins as root too", environment: ["INVENTORY_HUB_HOME": "/root/ih", "HOME": "/root"],
            uid: 0, passwordHome: "/root", path: "/root/ih", source: .inventoryHubHome, formerDefault: nil),
        Case(
            label: "a relative INVENTORY_HUB_HOME is kept as given", environment: ["INVENTORY_HUB_HOME": "data/ih"],
            uid: 1000, passwordHome: "/home/ana", path: "data/ih", source: .inventoryHubHome, formerDefault: nil),
        Case(
            label: "an empty INVENTORY_HUB_HOME counts as unset", environment: ["INVENTORY_HUB_HOME": "", "HOME": "/home/ana"],
            uid: 1000, passwordHome: "/home/ana", path: "/home/ana/.local/share/inventory-hub", source: .home, formerDefault: nil),
        Case(
            label: "XDG_DATA_HOME before HOME", environment: ["XDG_DATA_HOME": "/data/ana", "HOME": "/home/ana"],
            uid: 1000, passwordHome: "/home/ana", path: "/data/ana/inventory-hub", source: .xdgDataHome,
            formerDefault: "/home/ana/.local/share/inventory-hub"),
        Case(
            label: "a trailing slash of XDG_DATA_HOME is not doubled", environment: ["XDG_DATA_HOME": "/data/ana/"],
            uid: 1000, passwordHome: "/home/ana", path: "/data/ana/inventory-hub", source: .xdgDataHome,
            formerDefault: "/home/ana/.local/share/inventory-hub"),
        Case(
            label: "a relative XDG_DATA_HOME is ignored", environment: ["XDG_DATA_HOME": "data", "HOME": "/home/ana"],
            uid: 1000, passwordHome: "/home/ana", path: "/home/ana/.local/share/inventory-hub", source: .home, formerDefault: nil),
        Case(
            label: "an empty XDG_DATA_HOME is ignored", environment: ["XDG_DATA_HOME": "", "HOME": "/home/ana"],
            uid: 1000, passwordHome: "/home/ana", path: "/home/ana/.local/share/inventory-hub", source: .home, formerDefault: nil),
        Case(
            label: "HOME before the password database", environment: ["HOME": "/tmp/fakehome"],
            uid: 1000, passwordHome: "/home/ana", path: "/tmp/fakehome/.local/share/inventory-hub", source: .home,
            formerDefault: "/home/ana/.local/share/inventory-hub"),
        Case(
            label: "HOME=/ gives no double slash", environment: ["HOME": "/"],
            uid: 1000, passwordHome: "/", path: "/.local/share/inventory-hub", source: .home, formerDefault: nil),
        Case(
            label: "a relative HOME is ignored", environment: ["HOME": "ana"],
            uid: 1000, passwordHome: "/home/ana", path: "/home/ana/.local/share/inventory-hub", source: .passwordDatabase, formerDefault: nil),
        Case(
            label: "the password database when XDG_DATA_HOME and HOME are unset", environment: [:],
            uid: 1000, passwordHome: "/home/ana", path: "/home/ana/.local/share/inventory-hub", source: .passwordDatabase, formerDefault: nil),
        Case(
            label: "root uses /var/lib/inventory-hub whatever HOME says", environment: ["HOME": "/root"],
            uid: 0, passwordHome: "/root", path: "/var/lib/inventory-hub", source: .rootDefault,
            formerDefault: "/root/.local/share/inventory-hub"),
        Case(
            label: "root ignores XDG_DATA_HOME and a sudo user's HOME", environment: ["XDG_DATA_HOME": "/home/ana/.data", "HOME": "/home/ana"],
            uid: 0, passwordHome: "/root", path: "/var/lib/inventory-hub", source: .rootDefault,
            formerDefault: "/root/.local/share/inventory-hub"),
        Case(
            label: "root without a password entry", environment: [:],
            uid: 0, passwordHome: nil, path: "/var/lib/inventory-hub", source: .rootDefault, formerDefault: nil),
    ]

    @Test("the folder of the embedded cluster follows INVENTORY_HUB_HOME, root, XDG_DATA_HOME, HOME, then the password database", arguments: cases)
    func resolves(_ example: Case) throws {
        var askedFor: [uid_t] = []
        let choice = try ClusterHome.resolve(environment: example.environment, uid: example.uid) { uid in
            askedFor.append(uid)
            return example.passwordHome
        }
        #expect(choice.path == example.path)
        #expect(choice.source == example.source)
        #expect(choice.formerDefault == example.formerDefault)
        #expect(askedFor.allSatisfy { $0 == example.uid })
    }

    @Test(
        "without INVENTORY_HUB_HOME, XDG_DATA_HOME, HOME or a password home the choice is refused with what to set",
        arguments: [[:], ["HOME": ""], ["HOME": "relative", "XDG_DATA_HOME": "also-relative"]] as [[String: String]])
    func refusesWithoutAnyHome(_ environment: [String: String]) {
        #expect {
            try ClusterHome.resolve(environment: environment, uid: 1000) { _ in nil }
        } throws: { error in
            "\(error)".contains("set INVENTORY_HUB_HOME") && "\(error)".contains("uid 1000")
        }
    }

    @Test("a password entry without an absolute home is no home", arguments: ["", "nowhere"])
    func ignoresOddPasswordHomes(_ passwordHome: String) {
        #expect(throws: EmbeddedPostgresError.self) {
            try ClusterHome.resolve(environment: [:], uid: 1000) { _ in passwordHome }
        }
    }
}
