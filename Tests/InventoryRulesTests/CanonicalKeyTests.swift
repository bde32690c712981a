import InventoryRules
import Testing

@Suite("Canonical key")
struct CanonicalKeyTests {
    @Test("a name reduces to its lowercase host part, at most 15 characters", arguments: [
        ("WS-ACME-0001.corp.local", "ws-acme-0001"),
        ("WS-ACME-0001", "ws-acme-0001"),
        ("Reception PC | Front desk", "reception pc"),
        ("  laptop-07  ", "laptop-07"),
        ("ACCOUNTING-DESKTOP-42", "accounting-desk"),
        ("host.a|b", "host"),
        ("Front Desk|WS-01.corp.local", "front desk"),
        ("abcdefghijklmn opq", "abcdefghijklmn"),
        ("ÉQUIPE-01.local", "équipe-01"),
    ])
    func canonical(name: String, key: String) {
        #expect(CanonicalKey(name)?.value == key)
    }

    @Test("blank or missing names give no key, so they never match each other", arguments: [
        "", "  ", "|front desk", ".corp.local", " | x", "\t\n",
    ])
    func blank(name: String) {
        #expect(CanonicalKey(name) == nil)
    }

    @Test("a nil name gives no key")
    func missing() {
        #expect(CanonicalKey(nil) == nil)
    }

    @Test("the rule is idempotent, so a stored key reads back as itself", arguments: [
        "WS-ACME-0001.corp.local", "Reception PC | Front desk", "abcdefghijklmn opq", "ACCOUNTING-DESKTOP-42",
    ])
    func idempotent(name: String) throws {
        let key = try #require(CanonicalKey(name))
        #expect(CanonicalKey(key.value) == key)
    }

    @Test("keys order by their text")
    func ordering() {
        let keys = ["ws-2", "WS-10", "alpha"].compactMap(CanonicalKey.init).sorted()
        #expect(keys.map(\.value) == ["alpha", "ws-10", "ws-2"])
    }
}
