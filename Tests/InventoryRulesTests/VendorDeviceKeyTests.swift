import InventoryJSON
import InventoryRules
import Testing

@Suite("Vendor device key")
struct VendorDeviceKeyTests {
    @Test("NinjaOne: systemName, else the first label of dnsName, else id:<id>", arguments: [
        (#"{"id": 7, "systemName": "WS-01", "dnsName": "other.corp.local"}"#, "WS-01"),
        (#"{"id": 7, "systemName": "  ", "dnsName": "Laptop-07.corp.acme.local"}"#, "Laptop-07"),
        (#"{"id": 7, "systemName": null, "dnsName": ".corp"}"#, "corp"),
        (#"{"id": 7, "dnsName": ""}"#, "id:7"),
        (#"{"id": 7, "systemName": "ESX-GUEST-3", "nodeClass": "VMWARE_VM_GUEST"}"#, "ESX-GUEST-3"),
    ])
    func ninjaOne(device: String, key: String) throws {
        #expect(VendorDeviceKey.ninjaOne(try JSONParser.parse(device)) == key)
    }

    @Test("a NinjaOne item without systemName, dnsName or id has no key")
    func ninjaOneWithoutIdentity() throws {
        #expect(VendorDeviceKey.ninjaOne(try JSONParser.parse(#"{"displayName": "Reception"}"#)) == nil)
    }

    @Test("the NinjaOne mapping keys its rows by the same rule")
    func mappingAgrees() throws {
        let device = try JSONParser.parse(#"{"id": 9, "systemName": null, "dnsName": "db-02.corp.local", "nodeClass": "WINDOWS_SERVER"}"#)
        let row = try #require(NinjaOneMapping.row(from: ["device": device]))
        #expect(row.vendorDeviceKey == VendorDeviceKey.ninjaOne(device))
        #expect(row.hostname == VendorDeviceKey.ninjaOneHostname(device))
    }

    @Test("ThreatLocker: computerId, also for deleted computers the mapping skips")
    func threatLocker() throws {
        let computer = try JSONParser.parse(#"{"computerId": "c0ffee-1", "hostname": "WS-01", "isDeleted": true}"#)
        #expect(VendorDeviceKey.threatLocker(computer) == "c0ffee-1")
        #expect(ThreatLockerMapping.row(from: ["computer": computer]) == nil)
        #expect(VendorDeviceKey.threatLocker(try JSONParser.parse(#"{"hostname": "WS-01"}"#)) == nil)
    }
}
