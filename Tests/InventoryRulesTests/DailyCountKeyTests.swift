import InventoryRules
import Testing

@Suite("Daily counts")
struct DailyCountKeyTests {
    @Test("rows are counted per vendor, site, device type and billing status")
    func tally() {
        var unassigned = Fixtures.threatLockerRow("WS-09")
        unassigned.siteKey = nil
        let rows = [
            Fixtures.ninjaRow("WS-01"), Fixtures.ninjaRow("WS-02"), Fixtures.ninjaRow("WS-03", billing: .spare),
            Fixtures.ninjaRow("SRV-01", type: .server), Fixtures.ninjaRow("WS-04", site: "18"),
            Fixtures.threatLockerRow("WS-01"), unassigned,
        ]
        let counts = DailyCountKey.tally(rows)
        #expect(counts == [
            DailyCountKey(vendor: .ninja, siteKey: "17", deviceType: .workstation, billingStatus: .billable): 2,
            DailyCountKey(vendor: .ninja, siteKey: "17", deviceType: .workstation, billingStatus: .spare): 1,
            DailyCountKey(vendor: .ninja, siteKey: "17", deviceType: .server, billingStatus: .billable): 1,
            DailyCountKey(vendor: .ninja, siteKey: "18", deviceType: .workstation, billingStatus: .billable): 1,
            DailyCountKey(vendor: .threatLocker, siteKey: "tl-17", deviceType: .workstation, billingStatus: .unknown): 1,
            DailyCountKey(vendor: .threatLocker, siteKey: nil, deviceType: .workstation, billingStatus: .unknown): 1,
        ])
        #expect(counts.values.reduce(0, +) == rows.count)
    }

    @Test("keys sort by vendor, then site (none first), type and billing")
    func ordering() {
        let keys = [
            DailyCountKey(vendor: .threatLocker, siteKey: "a", deviceType: .server, billingStatus: .unknown),
            DailyCountKey(vendor: .ninja, siteKey: "b", deviceType: .workstation, billingStatus: .billable),
            DailyCountKey(vendor: .ninja, siteKey: "b", deviceType: .server, billingStatus: .spare),
            DailyCountKey(vendor: .ninja, siteKey: nil, deviceType: .workstation, billingStatus: .billable),
        ].sorted()
        #expect(keys.map { "\($0.vendor.rawValue) \($0.siteKey ?? "-") \($0.deviceType.rawValue) \($0.billingStatus.rawValue)" } == [
            "3 - workstation billable", "3 b server spare", "3 b workstation billable", "4 a server unknown",
        ])
    }

    @Test("no rows, no counts")
    func empty() {
        #expect(DailyCountKey.tally([DeviceSnapshotRow]()).isEmpty)
    }
}
