import Foundation
import InventoryJSON
import InventoryRules
import Testing

@Suite("NinjaOne mapping")
struct NinjaOneMappingTests {
    @Test("a devices-detailed item maps to every NinjaOne column of device_snapshot")
    func fullDevice() throws {
        let row = try #require(NinjaOneMapping.row(from: Fixtures.json(Fixtures.ninjaLaptop)))
        #expect(row.vendor == .ninja)
        #expect(row.vendorDeviceKey == "WS-ACME-0001")
        #expect(row.hostname == "WS-ACME-0001")
        #expect(row.canonicalKey == Fixtures.key("ws-acme-0001"))
        #expect(row.displayName == "Reception PC | Front desk")
        #expect(row.siteKey == "17")
        #expect(row.siteName == "ACME Corp")
        #expect(row.organizationName == "ACME Corp")
        #expect(row.locationName == "Main Office")
        #expect(row.deviceType == .workstation)
        #expect(row.deviceTypeName == "WINDOWS_WORKSTATION")
        #expect(row.billingStatus == .billable)
        #expect(row.billableStatusName == "billable")
        #expect(row.deviceStatus == "online")
        #expect(row.lastOnline == Date(timeIntervalSince1970: 1_736_942_553.123))
        #expect(row.agentInstallTimestamp == Date(timeIntervalSince1970: 1_651_234_567))
        #expect(row.osName == "Windows 11 Professional Edition")
        #expect(row.osArchitecture == "64-bit")
        #expect(row.osBuild == "22631")
        #expect(row.osReleaseId == "23H2")
        #expect(row.cpuModel == "Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz")
        #expect(row.memoryGiB == Decimal(16))
        #expect(row.volumes == "C: 476.9GB; D: 931.5GB")
        #expect(row.systemManufacturer == "LENOVO")
        #expect(row.systemModel == "20S0003QUS")
        #expect(row.hasTPM == true && row.tpmEnabled == true && row.tpmVersion == "2.0")
        #expect(row.secureBootAvailable == true && row.secureBootEnabled == true)
        #expect(row.windows11_24H2Capable == true)
        #expect(row.windows11_24H2Deficiencies == "[]")
        #expect(row.organizationId == nil && row.securityMode == nil && row.denyCount7d == nil)
    }

    @Test("hostname, systemName, dnsName and displayName all become match keys")
    func matchKeys() throws {
        let row = try #require(NinjaOneMapping.row(from: Fixtures.ninja { device in
            device["dnsName"] = "ws-acme-0001-old.corp.acme.local"
        }))
        #expect(row.matchKeys == Set(["ws-acme-0001", "ws-acme-0001-ol", "reception pc"].map(Fixtures.key)))
    }

    @Test("without a systemName the hostname is the first label of dnsName, and it is the device key")
    func dnsFallback() throws {
        let row = try #require(NinjaOneMapping.row(from: Fixtures.ninja { device in
            device["systemName"] = .null
            device["dnsName"] = "Laptop-07.corp.acme.local"
        }))
        #expect(row.hostname == "Laptop-07")
        #expect(row.vendorDeviceKey == "Laptop-07")
        #expect(row.canonicalKey == Fixtures.key("laptop-07"))
    }

    @Test("a device with no name at all is keyed by its NinjaOne id and has no hostname")
    func idFallback() throws {
        let row = try #require(NinjaOneMapping.row(from: Fixtures.ninja { device in
            device["systemName"] = ""
            device["dnsName"] = nil
        }))
        #expect(row.vendorDeviceKey == "id:1042")
        #expect(row.hostname == nil)
        #expect(row.matchKeys == [Fixtures.key("reception pc")])
    }

    @Test("VMware VM guests stay in the ledger but are not projected")
    func vmGuestSkipped() {
        #expect(NinjaOneMapping.row(from: Fixtures.ninja { $0["nodeClass"] = "VMWARE_VM_GUEST" }) == nil)
        #expect(NinjaOneMapping.row(from: Fixtures.ninja { $0["nodeClass"] = "VMWARE_VM_HOST" })?.deviceType == .server)
    }

    @Test("a payload that is not a device observation gives no row", arguments: [
        #"{}"#, #"[]"#, #"{"device": null}"#, #"{"device": "WS-01"}"#, #"{"computer": {"computerId": "x"}}"#,
    ])
    func notADevice(payload: String) {
        #expect(NinjaOneMapping.row(from: Fixtures.json(payload)) == nil)
    }

    @Test("missing, null and oddly typed fields give nil columns, never a crash")
    func oddFields() throws {
        let row = try #require(NinjaOneMapping.row(from: Fixtures.ninja(editingDevice: { device in
            device["os"] = .null
            device["memory"] = ["capacity": "lots"]
            device["volumes"] = "C: big"
            device["processors"] = ["name": "not an array"]
            device["system"] = .array([])
            device["lastContact"] = "never"
            device["created"] = .bool(true)
            device["offline"] = "maybe"
            device["organizationId"] = .null
        }, customFields: .null)))
        #expect(row.osName == nil && row.osArchitecture == nil && row.osBuild == nil)
        #expect(row.memoryGiB == nil)
        #expect(row.volumes == nil && row.storageVolumes.isEmpty)
        #expect(row.cpuModel == nil && row.systemModel == nil)
        #expect(row.lastOnline == nil && row.agentInstallTimestamp == nil)
        #expect(row.deviceStatus == nil)
        #expect(row.siteKey == "17")  // from the organization object instead
        #expect(row.hasTPM == nil && row.secureBootEnabled == nil)
        #expect(row.windows11_24H2Capable == false)
    }

    @Test("any field of any type still gives a row for a named device", arguments: [
        JSONValue.null, "", "x", 0, -1, 1.5e300, true, [], [1, "a"], [:], ["name": 1],
    ])
    func everyFieldAnyType(odd: JSONValue) throws {
        let fields = try #require(Fixtures.json(Fixtures.ninjaLaptop)["device"]?.objectValue).keys
        for field in fields where field != "systemName" && field != "nodeClass" {
            let row = NinjaOneMapping.row(from: Fixtures.ninja { $0[field] = odd })
            #expect(row?.vendorDeviceKey == "WS-ACME-0001", "field \(field) = \(odd)")
        }
        for section in ["organization", "location", "customFields"] {
            var payload = try #require(Fixtures.json(Fixtures.ninjaLaptop).objectValue)
            payload[section] = odd
            #expect(NinjaOneMapping.row(from: .object(payload)) != nil, "\(section) = \(odd)")
        }
    }

    @Test("an offline device is reported offline")
    func offline() {
        #expect(NinjaOneMapping.row(from: Fixtures.ninja { $0["offline"] = true })?.deviceStatus == "offline")
    }

    @Test("memory is bytes / 2^30 rounded half-up to two places", arguments: [
        ("17179869184", "16"), ("8589934592", "8"), ("4284481536", "3.99"), ("1207959552", "1.13"),
        ("13421772800", "12.5"), ("0", "0"), ("1.7179869184E10", "16"),
    ])
    func memory(bytes: String, gib: String) throws {
        let row = try #require(NinjaOneMapping.row(from: Fixtures.ninja { $0["memory"] = ["capacity": .number(bytes)] }))
        #expect(row.memoryGiB == Decimal(string: gib))
    }

    @Test("volumes read as `name size GB`, sorted by name, one decimal of GiB")
    func volumes() throws {
        let row = try #require(NinjaOneMapping.row(from: Fixtures.ninja { device in
            device["volumes"] = [
                ["name": #"E:\"#, "capacity": 15_728_640],
                ["name": "C:", "capacity": 255_471_005_696],
                ["name": "Recovery", "capacity": 1_073_741_824],
                ["name": "F:", "freeSpace": 100],
            ]
        }))
        #expect(row.volumes == "C: 237.9GB; E: 0.0GB; Recovery: 1.0GB")
        #expect(row.storageVolumes.count == 3)
    }

    @Test("display name or location containing spare makes the device spare", arguments: [
        ("Reception PC", "Main Office", BillingStatus.billable),
        ("SPARE - old laptop", "Main Office", .spare),
        ("Reception PC", "Spare Shelf", .spare),
        ("spares-2", nil, .spare),
        ("Sparrow", "Main Office", .billable),
    ] as [(String, String?, BillingStatus)])
    func billing(display: String, location: String?, expected: BillingStatus) throws {
        var payload = try #require(Fixtures.ninja(editingDevice: { $0["displayName"] = .string(display) }).objectValue)
        payload["location"] = location.map { ["id": 33, "name": .string($0)] } ?? .null
        let row = try #require(NinjaOneMapping.row(from: .object(payload)))
        #expect(row.billingStatus == expected)
        #expect(row.billableStatusName == expected.rawValue)
        #expect(row.locationName == location)
    }
}
