import InventoryJSON
import InventoryRules
import Testing

/// The mappings read stored payloads through `payloadFields`; every payload must map to the
/// same row as from a full parse, whatever is missing, oddly typed or added.
@Suite("Mapping from the selected members of a payload")
struct MappingSelectionTests {
    static let ninjaPayloads: [JSONValue] = [
        Fixtures.json(Fixtures.ninjaLaptop),
        Fixtures.ninja(editingDevice: { $0["nodeClass"] = "VMWARE_VM_GUEST" }),
        Fixtures.ninja(editingDevice: { device in
            device["systemName"] = nil
            device["dnsName"] = "ws-2.corp.example"
            device["organizationId"] = .null
        }),
        Fixtures.ninja(editingDevice: { device in
            device = ["id": 99, "displayName": "  spare laptop  "]
        }),
        Fixtures.ninja(editingDevice: { device in
            device["processors"] = "not a list"
            device["volumes"] = [["name": "C:", "capacity": 1.5e11], ["capacity": "big"], "odd"]
            device["memory"] = ["capacity": "16 GiB"]
            device["os"] = ["name": "Windows Server 2022 Standard", "buildNumber": 20348, "releaseId": .null]
            device["offline"] = true
        }, customFields: .null),
        Fixtures.ninja(customFields: ["hastpm": false, "tpmversion": "1.2, 2.0", "securebootenabled": "false"]),
        ["device": "not an object"],
        ["organization": ["name": "no device"]],
    ]

    static let threatLockerPayloads: [JSONValue] = [
        Fixtures.json(Fixtures.threatLockerComputer),
        Fixtures.threatLocker(editing: { $0["isDeleted"] = true }),
        Fixtures.threatLocker(editing: { computer in
            computer["hostname"] = nil
            computer["denyCountOneDay"] = "7"
            computer["lastCheckin"] = "2025-01-15 12:02"
            computer["extra"] = ["nested": ["hostname": "not this one"]]
        }),
        Fixtures.threatLocker(editing: { $0["computerId"] = .null }),
        ["computer": ["computerId": "only-an-id"]],
    ]

    @Test("comparison rows keep the compared fields and drop the rest")
    func comparisonKeepsComparedFields() throws {
        let full = try #require(NinjaOneMapping.row(from: Fixtures.json(Fixtures.ninjaLaptop)))
        let compared = full.limited(to: .comparison)
        #expect(compared.hostname == full.hostname && compared.displayName == full.displayName && compared.osName == full.osName)
        #expect(compared.siteKey == full.siteKey && compared.siteName == full.siteName && compared.locationName == full.locationName)
        #expect(compared.allMatchKeys == full.allMatchKeys && compared.canonicalKey == full.canonicalKey)
        #expect(compared.billingStatus == full.billingStatus && compared.deviceType == full.deviceType)
        #expect(full.cpuModel != nil && compared.cpuModel == nil)
        #expect(full.windows11_24H2Capable != nil && compared.windows11_24H2Capable == nil)
        #expect(full.lastOnline != nil && compared.lastOnline == nil)
        #expect(full.limited(to: .full) == full)
    }

    @Test("NinjaOne payloads, canonical and as the vendor sent them")
    func ninja() throws {
        for bytes in Self.ninjaPayloads.map(CanonicalJSONWriter.bytes) + [Array(Fixtures.ninjaLaptop.utf8)] {
            let full = NinjaOneMapping.row(from: try JSONParser.parse(bytes))
            #expect(try NinjaOneMapping.row(fromPayload: bytes) == full)
            #expect(try Vendor.ninja.row(fromPayload: bytes) == full)
            #expect(try NinjaOneMapping.row(fromPayload: bytes, detail: .comparison) == full?.limited(to: .comparison))
            #expect(NinjaOneMapping.row(from: try JSONParser.parse(bytes), detail: .comparison) == full?.limited(to: .comparison))
        }
    }

    @Test("ThreatLocker payloads, canonical and as the vendor sent them")
    func threatLocker() throws {
        for bytes in Self.threatLockerPayloads.map(CanonicalJSONWriter.bytes) + [Array(Fixtures.threatLockerComputer.utf8)] {
            let full = ThreatLockerMapping.row(from: try JSONParser.parse(bytes))
            #expect(try ThreatLockerMapping.row(fromPayload: bytes) == full)
            #expect(try Vendor.threatLocker.row(fromPayload: bytes) == full)
            #expect(try ThreatLockerMapping.row(fromPayload: bytes, detail: .comparison) == full?.limited(to: .comparison))
            #expect(ThreatLockerMapping.row(from: try JSONParser.parse(bytes), detail: .comparison) == full?.limited(to: .comparison))
        }
    }
}
