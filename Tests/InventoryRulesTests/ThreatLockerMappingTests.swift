import Foundation
import InventoryJSON
import InventoryRules
import Testing

@Suite("ThreatLocker mapping")
struct ThreatLockerMappingTests {
    @Test("a computer maps to every ThreatLocker column of device_snapshot")
    func fullComputer() throws {
        let row = try #require(ThreatLockerMapping.row(from: Fixtures.json(Fixtures.threatLockerComputer)))
        #expect(row.vendor == .threatLocker)
        #expect(row.vendorDeviceKey == "6f1c2a7e-8b0d-4c1e-9a51-2f3b4c5d6e7f")
        #expect(row.hostname == "WS-ACME-0001")
        #expect(row.displayName == "WS-ACME-0001 | jsmith")
        #expect(row.siteKey == "a1b2c3d4-0000-4000-8000-000000000017")
        #expect(row.organizationId == row.siteKey)
        #expect(row.siteName == "Acme Corporation")
        #expect(row.organizationName == "Acme Corporation")
        #expect(row.osName == "Windows 11 Pro")
        #expect(row.deviceType == .workstation)
        #expect(row.billingStatus == .unknown)
        #expect(row.billableStatusName == nil)
        #expect(row.computerGroup == "Workstations")
        #expect(row.securityMode == "Secured")
        #expect(row.denyCount1d == 3 && row.denyCount3d == 11 && row.denyCount7d == 25)
        let checkin = try #require(row.lastOnline?.timeIntervalSince1970)
        #expect(abs(checkin - 1_736_942_553.1234567) < 0.000_001)
        #expect(row.installDate == Date(timeIntervalSince1970: 1_682_777_767))
        #expect(row.isLockedOut == false && row.isIsolated == false)
        #expect(row.agentVersion == "9.3.3")
        #expect(row.hasCheckedIn == true)
        #expect(row.matchKeys == [Fixtures.key("ws-acme-0001")])
        #expect(row.windows11_24H2Capable == nil && row.windows11_24H2Deficiencies == nil)
        #expect(row.memoryGiB == nil && row.volumes == nil)
    }

    @Test("deleted computers are not projected", arguments: [JSONValue.bool(true), "true", "True"])
    func deletedSkipped(flag: JSONValue) {
        #expect(ThreatLockerMapping.row(from: Fixtures.threatLocker { $0["isDeleted"] = flag }) == nil)
        #expect(ThreatLockerMapping.row(from: Fixtures.threatLocker { $0["isDeleted"] = false }) != nil)
    }

    @Test("a computer without a computerId has no identity and is not projected")
    func noIdentity() {
        #expect(ThreatLockerMapping.row(from: Fixtures.threatLocker { $0["computerId"] = nil }) == nil)
        #expect(ThreatLockerMapping.row(from: Fixtures.json(#"{"computer": []}"#)) == nil)
    }

    @Test("the part of computerName before the bar is a match key, and the hostname when none is given")
    func computerNameKeys() throws {
        let renamed = try #require(ThreatLockerMapping.row(from: Fixtures.threatLocker { $0["computerName"] = "Front Desk | jsmith" }))
        #expect(renamed.matchKeys == Set(["ws-acme-0001", "front desk"].map(Fixtures.key)))

        let unnamed = try #require(ThreatLockerMapping.row(from: Fixtures.threatLocker { computer in
            computer["hostname"] = .null
            computer["computerName"] = "LAPTOP-9 | Bob"
        }))
        #expect(unnamed.hostname == "LAPTOP-9")
        #expect(unnamed.canonicalKey == Fixtures.key("laptop-9"))
    }

    @Test("device type comes from the operating system name", arguments: [
        ("Windows Server 2019 Standard", DeviceType.server),
        ("Microsoft Windows server 2022 Datacenter", .server),
        ("Windows 10 Pro", .workstation),
        ("macOS 14.5", .workstation),
    ])
    func deviceType(operatingSystem: String, expected: DeviceType) {
        let row = ThreatLockerMapping.row(from: Fixtures.threatLocker { $0["operatingSystem"] = .string(operatingSystem) })
        #expect(row?.deviceType == expected)
    }

    @Test("a computer without an operating system is of unknown type")
    func unknownType() {
        #expect(ThreatLockerMapping.row(from: Fixtures.threatLocker { $0["operatingSystem"] = nil })?.deviceType == .unknown)
    }

    @Test("ISO 8601 check-in times in every spelling ThreatLocker uses", arguments: [
        ("2025-01-15T12:02:33Z", 1_736_942_553.0),
        ("2025-01-15T12:02:33", 1_736_942_553.0),
        ("2025-01-15 12:02:33", 1_736_942_553.0),
        ("2025-01-15T06:02:33-06:00", 1_736_942_553.0),
        ("2025-01-15T13:02:33+0100", 1_736_942_553.0),
        ("2025-01-15T12:02:33.5Z", 1_736_942_553.5),
        ("2025-01-15T12:02Z", 1_736_942_520.0),
        ("2025-01-15", 1_736_899_200.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ])
    func timestamps(text: String, epoch: Double) throws {
        let row = try #require(ThreatLockerMapping.row(from: Fixtures.threatLocker { $0["lastCheckin"] = .string(text) }))
        #expect(row.lastOnline == Date(timeIntervalSince1970: epoch))
    }

    @Test("unreadable timestamps give nil, not a guess", arguments: [
        "yesterday", "2025-13-01T00:00:00Z", "2025-01-15T25:00:00Z", "2025-01-15T12:02:33Zjunk", "15/01/2025", "",
    ])
    func badTimestamps(text: String) throws {
        let row = try #require(ThreatLockerMapping.row(from: Fixtures.threatLocker { $0["lastCheckin"] = .string(text) }))
        #expect(row.lastOnline == nil)
    }

    @Test("any field of any type still gives a row for an identified computer", arguments: [
        JSONValue.null, "", "x", 0, -1, 1.5e300, [], [1, "a"], [:], ["name": 1],
    ])
    func everyFieldAnyType(odd: JSONValue) throws {
        let fields = try #require(Fixtures.json(Fixtures.threatLockerComputer)["computer"]?.objectValue).keys
        for field in fields where field != "computerId" {
            let row = ThreatLockerMapping.row(from: Fixtures.threatLocker { $0[field] = odd })
            #expect(row?.vendorDeviceKey == "6f1c2a7e-8b0d-4c1e-9a51-2f3b4c5d6e7f", "field \(field) = \(odd)")
        }
    }

    @Test("odd types read as nil or as their evident value")
    func oddTypes() throws {
        let row = try #require(ThreatLockerMapping.row(from: Fixtures.threatLocker { computer in
            computer["denyCountOneDay"] = "n/a"
            computer["denyCountThreeDays"] = .null
            computer["isLockedOut"] = "false"
            computer["isIsolated"] = ["x": 1]
            computer["threatLockerVersion"] = 9.3
            computer["organizationName"] = "  "
        }))
        #expect(row.denyCount1d == nil && row.denyCount3d == nil)
        #expect(row.isLockedOut == false && row.isIsolated == nil)
        #expect(row.agentVersion == "9.3")
        #expect(row.siteName == nil)
    }
}
