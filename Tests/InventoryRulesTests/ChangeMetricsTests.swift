import InventoryJSON
import InventoryRules
import Testing

@Suite("Change metrics")
struct ChangeMetricsTests {
    static func values(_ entries: [ChangeLogEntry]) -> [String: [Int]] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.metric.rawValue, [$0.prevValue, $0.newValue, $0.delta]) })
    }

    static let monday = [
        Fixtures.ninjaRow("WS-01", site: "17"), Fixtures.ninjaRow("WS-02", site: "17"),
        Fixtures.ninjaRow("SRV-01", site: "17", type: .server),
        Fixtures.ninjaRow("WS-03", display: "spare", site: "18", client: "Globex", billing: .spare),
    ]

    static var tuesday: [DeviceSnapshotRow] {
        var moved = Fixtures.ninjaRow("WS-02", site: "18", client: "Globex")
        moved.billingStatus = .spare
        return [
            Fixtures.ninjaRow("WS-01", site: "17"), moved, Fixtures.ninjaRow("SRV-01", site: "17", type: .server),
            Fixtures.ninjaRow("WS-04", site: "19", client: "Initech"),
        ]
    }

    @Test("all ten metrics are reported, in a fixed order")
    func allMetrics() {
        let entries = ChangeMetrics.compute(previous: Self.monday, current: Self.tuesday)
        #expect(entries.map(\.metric.rawValue) == [
            "devices", "billable", "spare", "servers", "workstations", "sites", "added", "removed", "site_changed", "billing_changed",
        ])
        #expect(entries.allSatisfy { $0.delta == $0.newValue - $0.prevValue })
    }

    @Test("counts compare with the previous snapshot date")
    func counts() {
        let values = Self.values(ChangeMetrics.compute(previous: Self.monday, current: Self.tuesday))
        #expect(values["devices"] == [4, 4, 0])
        #expect(values["billable"] == [3, 3, 0])
        #expect(values["spare"] == [1, 1, 0])
        #expect(values["servers"] == [1, 1, 0])
        #expect(values["workstations"] == [3, 3, 0])
        #expect(values["sites"] == [2, 3, 1])
    }

    @Test("movements count devices matched by vendor device key, with prev 0 and the devices in the details")
    func movements() throws {
        let entries = ChangeMetrics.compute(previous: Self.monday, current: Self.tuesday)
        let values = Self.values(entries)
        #expect(values["added"] == [0, 1, 1])
        #expect(values["removed"] == [0, 1, 1])
        #expect(values["site_changed"] == [0, 1, 1])
        #expect(values["billing_changed"] == [0, 1, 1])

        func devices(_ metric: ChangeMetric) -> [JSONValue] {
            entries.first { $0.metric == metric }?.details["devices"]?.arrayValue ?? []
        }
        #expect(devices(.added) == [["vendorDeviceKey": "WS-04", "hostname": "WS-04", "from": nil, "to": "Initech"]])
        #expect(devices(.removed) == [["vendorDeviceKey": "WS-03", "hostname": "WS-03", "from": "Globex", "to": nil]])
        #expect(devices(.siteChanged) == [[
            "vendorDeviceKey": "WS-02", "hostname": "WS-02", "from": "ACME Corp", "to": "Globex", "fromSiteKey": "17", "toSiteKey": "18",
        ]])
        #expect(devices(.billingChanged) == [["vendorDeviceKey": "WS-02", "hostname": "WS-02", "from": "billable", "to": "spare"]])
    }

    @Test("sites list the site keys that appeared and disappeared")
    func siteDetails() {
        let sites = ChangeMetrics.compute(previous: Self.monday, current: Self.tuesday).first { $0.metric == .sites }
        #expect(sites?.details == ["added": ["19"], "removed": []])
    }

    @Test("on a vendor's first date previous values are 0 and every device is added")
    func firstDate() {
        let entries = ChangeMetrics.compute(previous: nil, current: Self.monday)
        let values = Self.values(entries)
        #expect(values["devices"] == [0, 4, 4])
        #expect(values["sites"] == [0, 2, 2])
        #expect(values["added"] == [0, 4, 4])
        #expect(values["removed"] == [0, 0, 0])
        #expect(entries.first { $0.metric == .added }?.details["devices"]?.arrayValue?.count == 4)
    }

    @Test("the change in devices always equals added minus removed", arguments: [0, 1, 2, 3])
    func invariant(step: Int) {
        let days: [[DeviceSnapshotRow]?] = [nil, Self.monday, Self.tuesday, [], Self.monday]
        let values = Self.values(ChangeMetrics.compute(previous: days[step], current: days[step + 1]!))
        #expect(values["devices"]![2] == values["added"]![1] - values["removed"]![1])
    }

    @Test("a vendor device key reported twice in a day does not break the comparison")
    func duplicateKeys() {
        let doubled = Self.monday + [Fixtures.ninjaRow("WS-01", site: "18")]
        let values = Self.values(ChangeMetrics.compute(previous: Self.monday, current: doubled))
        #expect(values["devices"] == [4, 5, 1])
        #expect(values["added"] == [0, 0, 0])
        #expect(values["site_changed"] == [0, 0, 0])
    }
}
