import InventoryRules
import Testing

@Suite("Device type and billing status")
struct ClassificationTests {
    @Test("NinjaOne node classes map to server, workstation or unknown", arguments: [
        ("WINDOWS_SERVER", DeviceType.server),
        ("LINUX_SERVER", .server),
        ("MAC_SERVER", .server),
        ("VMWARE_VM_HOST", .server),
        ("HYPERV_VMM_HOST", .server),
        ("WINDOWS_WORKSTATION", .workstation),
        ("LINUX_WORKSTATION", .workstation),
        ("MAC", .workstation),
        ("windows_workstation", .workstation),
        ("NMS_SWITCH", .unknown),
        ("CLOUD_MONITOR_TARGET", .unknown),
        ("VMWARE_VM_GUEST", .unknown),
        ("", .unknown),
    ])
    func nodeClass(code: String, expected: DeviceType) {
        #expect(DeviceType(ninjaNodeClass: code) == expected)
    }

    @Test("a missing node class is unknown, never guessed")
    func missingNodeClass() {
        #expect(DeviceType(ninjaNodeClass: nil) == .unknown)
        #expect(DeviceType(threatLockerOperatingSystem: nil) == .unknown)
        #expect(DeviceType(threatLockerOperatingSystem: "  ") == .unknown)
    }

    @Test("spare when the display name or location name says so, in any case", arguments: [
        ("WS-01", "Main Office", BillingStatus.billable),
        ("WS-01 (SPARE)", "Main Office", .spare),
        ("WS-01", "Spares closet", .spare),
        ("spare", nil, .spare),
        (nil, "sPaRe", .spare),
        (nil, nil, .billable),
        ("Sparkle-PC", "Aspen office", .billable),
    ] as [(String?, String?, BillingStatus)])
    func billing(display: String?, location: String?, expected: BillingStatus) {
        #expect(BillingStatus(displayName: display, locationName: location) == expected)
    }

    @Test("codes and vendor ids are the seed's")
    func seedCodes() {
        #expect(Vendor.ninja.rawValue == 3 && Vendor.threatLocker.rawValue == 4)
        #expect(Vendor.ninja.name == "Ninja" && Vendor.threatLocker.name == "ThreatLocker")
        #expect(DeviceType.allCases.map(\.rawValue) == ["server", "workstation", "unknown"])
        #expect(BillingStatus.allCases.map(\.rawValue) == ["billable", "spare", "unknown"])
    }
}
