import InventoryJSON
import InventoryRules
import Testing

@Suite("Exception rules")
struct ExceptionRulesTests {
    typealias Row = DeviceSnapshotRow

    /// Client names as the projector gives them: the vendor's site name.
    static func evaluate(ninja: [Row], threatLocker: [Row], aliases: [String: String] = [:]) -> [ExceptionFinding] {
        ExceptionRules.evaluate(ninja: ninja, threatLocker: threatLocker) { row in
            SiteNaming.canonicalClientName(alias: aliases["\(row.vendor.rawValue)/\(row.siteKey ?? "")"], siteName: row.siteName)
        }
    }

    static func summary(_ findings: [ExceptionFinding]) -> [String] {
        findings.map { "\($0.type.rawValue) \($0.key)" }
    }

    // MARK: MISSING_NINJA

    @Test("a ThreatLocker device that matches no NinjaOne device is MISSING_NINJA")
    func missingNinja() throws {
        let findings = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01")], threatLocker: [Fixtures.threatLockerRow("WS-99", id: "tl-99")])
        #expect(Self.summary(findings) == ["MISSING_NINJA ws-99", "MISSING_THREATLOCKER ws-01"])
        let details = try #require(findings.first?.details)
        #expect(details["ninja"] == .array([]))
        #expect(details["threatLocker"]?[0]?["vendorDeviceKey"] == "tl-99")
        #expect(details["threatLocker"]?[0]?["hostname"] == "WS-99")
        #expect(details["threatLocker"]?[0]?["client"] == "acme corp")
    }

    @Test("a ThreatLocker device matching any NinjaOne key is not missing", arguments: [
        // (NinjaOne hostname, NinjaOne display name, ThreatLocker hostname, ThreatLocker computer name)
        ("WS-01", nil, "ws-01.corp.acme.local", nil),
        ("WS-01", "Reception | front desk", "RECEPTION", nil),
        ("WS-01", nil, "DESKTOP-8F3K2L", "WS-01 | jsmith"),
        ("ACCOUNTING-DESKTOP-7", nil, "accounting-desktop-9", nil),
    ] as [(String, String?, String, String?)])
    func matched(ninjaHost: String, ninjaDisplay: String?, threatLockerHost: String, computerName: String?) {
        let findings = Self.evaluate(
            ninja: [Fixtures.ninjaRow(ninjaHost, display: ninjaDisplay)],
            threatLocker: [Fixtures.threatLockerRow(threatLockerHost, computerName: computerName)]
        )
        #expect(!findings.contains { $0.type == .missingNinja })
        #expect(!findings.contains { $0.type == .missingThreatLocker })
    }

    // MARK: DUPLICATE_TL

    @Test("ThreatLocker devices sharing a canonical key are one DUPLICATE_TL finding listing them all")
    func duplicate() throws {
        let findings = Self.evaluate(
            ninja: [Fixtures.ninjaRow("WS-01")],
            threatLocker: [
                Fixtures.threatLockerRow("WS-01", id: "tl-a"), Fixtures.threatLockerRow("ws-01.corp.local", id: "tl-b"),
                Fixtures.threatLockerRow("WS-01", id: "tl-c"), Fixtures.threatLockerRow("WS-02", id: "tl-d"),
            ]
        )
        let duplicates = findings.filter { $0.type == .duplicateThreatLocker }
        #expect(Self.summary(duplicates) == ["DUPLICATE_TL ws-01"])
        let listed = try #require(duplicates.first?.details["threatLocker"]?.arrayValue)
        #expect(listed.compactMap { $0["vendorDeviceKey"]?.stringValue } == ["tl-a", "tl-b", "tl-c"])
    }

    @Test("a single ThreatLocker device per key is no duplicate")
    func noDuplicate() {
        let findings = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01"), Fixtures.ninjaRow("WS-02")],
                                     threatLocker: [Fixtures.threatLockerRow("WS-01"), Fixtures.threatLockerRow("WS-02")])
        #expect(findings.isEmpty)
    }

    // MARK: SITE_MISMATCH

    @Test("a matched pair in different clients is SITE_MISMATCH")
    func siteMismatch() throws {
        let findings = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01", client: "ACME Corp")],
                                     threatLocker: [Fixtures.threatLockerRow("WS-01", client: "Globex")])
        #expect(Self.summary(findings) == ["SITE_MISMATCH ws-01"])
        let details = try #require(findings.first?.details)
        #expect(details["ninja"]?[0]?["client"] == "acme corp")
        #expect(details["threatLocker"]?[0]?["client"] == "globex")
    }

    @Test("the same client spelled differently is no mismatch once aliased, nor when only case or spaces differ")
    func siteAliases() {
        let aliased = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01", client: "ACME Corp")],
                                    threatLocker: [Fixtures.threatLockerRow("WS-01", site: "tl-17", client: "Acme Corporation")],
                                    aliases: ["4/tl-17": "ACME Corp"])
        #expect(aliased.isEmpty)
        let spelled = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01", client: "ACME Corp")],
                                    threatLocker: [Fixtures.threatLockerRow("WS-01", client: "  acme corp ")])
        #expect(spelled.isEmpty)
    }

    @Test("a ThreatLocker device without a client is not a site mismatch")
    func blankClient() {
        let findings = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01")], threatLocker: [Fixtures.threatLockerRow("WS-01", client: "")])
        #expect(findings.isEmpty)
    }

    @Test("the pair is the NinjaOne device with the same canonical key, not a device that only mentions the name")
    func bestMatch() {
        let findings = Self.evaluate(
            ninja: [Fixtures.ninjaRow("WS-01-OLD", display: "WS-01 | retired", client: "Globex"), Fixtures.ninjaRow("WS-01", client: "ACME Corp")],
            threatLocker: [Fixtures.threatLockerRow("WS-01", client: "ACME Corp")]
        )
        #expect(!findings.contains { $0.type == .siteMismatch })
    }

    // MARK: SPARE_MISMATCH

    @Test("ThreatLocker on a NinjaOne spare device is SPARE_MISMATCH; on a billable one it is not", arguments: [
        (BillingStatus.spare, true), (.billable, false),
    ])
    func spare(billing: BillingStatus, flagged: Bool) {
        let findings = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01", display: "WS-01 spare", billing: billing)],
                                     threatLocker: [Fixtures.threatLockerRow("WS-01")])
        #expect(findings.contains { $0.type == .spareMismatch && $0.key == Fixtures.key("ws-01") } == flagged)
    }

    // MARK: DISPLAY_NAME_MISMATCH

    @Test("display names are compared trimmed and lowercased, skipping only a ThreatLocker name that is its hostname", arguments: [
        // (NinjaOne display name, ThreatLocker hostname, ThreatLocker display name, flagged)
        ("Reception PC", "WS-01", "Front Desk", true),
        ("Reception PC", "WS-01", " reception pc ", false),
        ("Reception PC", "WS-01", "ws-01", false),
        ("Reception PC", "WS-01", "  WS-01 ", false),
        // a name that only shares the hostname prefix is a real difference
        ("Reception PC", "WS-01", "WS-01 | jsmith", true),
        ("BETA-WS-011 | Bob", "BETA-WS-011", "BETA-WS-011 | Robert", true),
        ("BETA-WS-011 | Bob", "BETA-WS-011", "beta-ws-011 | bob ", false),
        // ThreatLocker shows the bare hostname when nobody named the computer: skipped
        ("HOST | Bob", "HOST", "HOST", false),
        // ... but a NinjaOne bare hostname against a named ThreatLocker computer is not
        ("HOST", "HOST", "HOST | Bob", true),
        // the hostname with or without its domain
        ("Reception PC", "ws-01.corp.acme.local", "WS-01", false),
        ("Reception PC", "ws-01.corp.acme.local", "WS-01.corp.acme.local", false),
        ("Reception PC", "ws-01.corp.acme.local", "ws-01.corp", true),
        // a name with the same canonical key that is not the hostname
        ("Reception PC", "WS-01", "ws-01.other.local", true),
        (nil, "WS-01", "Front Desk", false),
        ("   ", "WS-01", "Front Desk", false),
        ("Reception PC", "WS-01", "  ", false),
    ] as [(String?, String, String, Bool)])
    func displayName(ninjaDisplay: String?, threatLockerHost: String, computerName: String, flagged: Bool) {
        let findings = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01", display: ninjaDisplay)],
                                     threatLocker: [Fixtures.threatLockerRow(threatLockerHost, computerName: computerName)])
        #expect(findings.contains { $0.type == .displayNameMismatch } == flagged)
    }

    @Test("a display name mismatch is filed under the ThreatLocker device's key and names both devices")
    func displayNameDetails() throws {
        let findings = Self.evaluate(ninja: [Fixtures.ninjaRow("BETA-WS-011", display: "BETA-WS-011 | Bob")],
                                     threatLocker: [Fixtures.threatLockerRow("BETA-WS-011", computerName: "BETA-WS-011 | Robert")])
        #expect(Self.summary(findings) == ["DISPLAY_NAME_MISMATCH beta-ws-011"])
        let details = try #require(findings.first?.details)
        #expect(details["ninja"]?[0]?["displayName"] == "BETA-WS-011 | Bob")
        #expect(details["threatLocker"]?[0]?["displayName"] == "BETA-WS-011 | Robert")
    }

    // MARK: MISSING_THREATLOCKER

    @Test("a billable NinjaOne Windows device without ThreatLocker is MISSING_THREATLOCKER", arguments: [
        ("Windows 11 Pro", BillingStatus.billable, true),
        ("Microsoft Windows Server 2022 Standard", .billable, true),
        ("Windows 10 Pro", .spare, false),
        ("Ubuntu 22.04 LTS", .billable, false),
        ("macOS 14.5", .billable, false),
    ])
    func missingThreatLocker(os: String, billing: BillingStatus, flagged: Bool) {
        let findings = Self.evaluate(ninja: [Fixtures.ninjaRow("WS-01"), Fixtures.ninjaRow("WS-02", os: os, billing: billing)],
                                     threatLocker: [Fixtures.threatLockerRow("WS-01")])
        #expect(Self.summary(findings) == (flagged ? ["MISSING_THREATLOCKER ws-02"] : []))
    }

    @Test("a NinjaOne device without an OS name is not required to have ThreatLocker")
    func noOSName() {
        #expect(Self.evaluate(ninja: [Fixtures.ninjaRow("WS-02", os: nil)], threatLocker: [Fixtures.threatLockerRow("WS-01")])
            .allSatisfy { $0.type != .missingThreatLocker })
    }

    // MARK: Whole day

    @Test("one finding per type and key, sorted by type then key, whatever the input order")
    func deterministic() {
        let ninja = [
            Fixtures.ninjaRow("WS-05", key: "a"), Fixtures.ninjaRow("ws-05.corp.local", key: "b"),
            Fixtures.ninjaRow("WS-03", display: "spare", billing: .spare), Fixtures.ninjaRow("WS-04", client: "Globex"),
        ]
        let threatLocker = [
            Fixtures.threatLockerRow("WS-03"), Fixtures.threatLockerRow("WS-04"),
            Fixtures.threatLockerRow("WS-09", id: "x"), Fixtures.threatLockerRow("WS-09", id: "y"),
        ]
        let expected = [
            "DUPLICATE_TL ws-09", "MISSING_NINJA ws-09", "MISSING_THREATLOCKER ws-05", "SITE_MISMATCH ws-04", "SPARE_MISMATCH ws-03",
        ]
        let findings = Self.evaluate(ninja: ninja, threatLocker: threatLocker)
        #expect(Self.summary(findings) == expected)
        #expect(Self.evaluate(ninja: ninja.reversed(), threatLocker: threatLocker.reversed()) == findings)
        let missing = findings.first { $0.type == .missingThreatLocker }
        #expect(missing?.details["ninja"]?.arrayValue?.count == 2)
        let missingNinja = findings.first { $0.type == .missingNinja }
        #expect(missingNinja?.details["threatLocker"]?.arrayValue?.count == 2)
    }

    @Test("no devices, no findings")
    func empty() {
        #expect(Self.evaluate(ninja: [], threatLocker: []).isEmpty)
    }
}
