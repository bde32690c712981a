import Foundation
import InventoryJSON
import InventoryRules
import Testing

@Suite("Windows 11 24H2 assessment")
struct Windows11AssessmentTests {
    /// A NinjaOne Windows 10 workstation that meets every requirement.
    static func capableRow() -> DeviceSnapshotRow {
        var row = Fixtures.ninjaRow("WS-01", os: "Windows 10 Professional Edition")
        row.deviceTypeName = "WINDOWS_WORKSTATION"
        row.osArchitecture = "64-bit"
        row.osBuild = "19045"
        row.osReleaseId = "22H2"
        row.memoryGiB = Decimal(8)
        row.storageVolumes = [StorageVolume(name: "C:", capacityBytes: 255_471_005_696)]
        row.cpuModel = "Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz"
        row.hasTPM = true
        row.tpmEnabled = true
        row.tpmVersion = "2.0, 0, 1.38"
        row.secureBootAvailable = true
        row.secureBootEnabled = true
        return row
    }

    @Test("a device meeting every requirement is capable with no deficiencies")
    func capable() {
        let assessment = Windows11Assessment.assess(Self.capableRow())
        #expect(assessment.capable == true)
        #expect(assessment.deficiencies == [])
        #expect(assessment.deficienciesJSON == "[]")
    }

    @Test("each failed requirement is listed with its current value", arguments: [
        ("32-bit OS", Windows11Requirement.os64Bit, "32-bit"),
        ("3.99 GiB RAM", .memory, "3.99 GiB"),
        ("50 GiB C: drive", .storage, "C: 50.0 GiB"),
        ("TPM disabled", .tpmEnabled, "false"),
        ("TPM 1.2", .tpmVersion, "1.2"),
        ("Secure Boot off", .secureBootEnabled, "false"),
        ("7th generation CPU", .processor, "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz"),
    ])
    func failed(scenario: String, requirement: Windows11Requirement, currentValue: String) {
        var row = Self.capableRow()
        switch requirement {
        case .os64Bit: row.osArchitecture = "32-bit"
        case .memory: row.memoryGiB = Decimal(string: "3.99")
        case .storage: row.storageVolumes = [StorageVolume(name: #"C:\"#, capacityBytes: 53_687_091_200)]
        case .tpmEnabled: row.tpmEnabled = false
        case .tpmVersion: row.tpmVersion = "1.2"
        case .secureBootEnabled: row.secureBootEnabled = false
        case .processor: row.cpuModel = "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz"
        default: Issue.record("no scenario for \(requirement)")
        }
        let assessment = Windows11Assessment.assess(row)
        #expect(assessment.capable == false, "\(scenario)")
        #expect(assessment.deficiencies == [
            .init(requirement: requirement, currentValue: currentValue, remediation: requirement.remediation)
        ])
    }

    @Test("exactly 4 GiB of RAM is enough")
    func memoryBoundary() {
        var row = Self.capableRow()
        row.memoryGiB = Decimal(4)
        #expect(Windows11Assessment.assess(row).capable == true)
    }

    @Test("no TPM, or no Secure Boot support, is one deficiency, not three")
    func absentHardware() {
        var row = Self.capableRow()
        row.hasTPM = false
        row.tpmEnabled = false
        row.tpmVersion = nil
        row.secureBootAvailable = false
        row.secureBootEnabled = false
        let assessment = Windows11Assessment.assess(row)
        #expect(assessment.capable == false)
        #expect(assessment.deficiencies?.map(\.requirement) == [.tpmPresent, .secureBootAvailable])
    }

    @Test("missing custom fields are unknown deficiencies and make the device not capable")
    func unknownCustomFields() throws {
        var row = Self.capableRow()
        row.hasTPM = nil
        row.tpmEnabled = nil
        row.tpmVersion = nil
        row.secureBootAvailable = nil
        row.secureBootEnabled = nil
        let assessment = Windows11Assessment.assess(row)
        #expect(assessment.capable == false)
        let deficiencies = try #require(assessment.deficiencies)
        #expect(deficiencies.map(\.requirement) == [.tpmPresent, .tpmEnabled, .tpmVersion, .secureBootAvailable, .secureBootEnabled])
        #expect(deficiencies.allSatisfy { $0.currentValue == "unknown" })
        #expect(deficiencies.allSatisfy { $0.remediation == $0.requirement.unknownRemediation })
    }

    @Test("unknown hardware facts are deficiencies too")
    func unknownHardware() {
        var row = Self.capableRow()
        row.osArchitecture = nil
        row.memoryGiB = nil
        row.storageVolumes = []
        row.cpuModel = nil
        let assessment = Windows11Assessment.assess(row)
        #expect(assessment.capable == false)
        #expect(assessment.deficiencies?.map(\.requirement) == [.os64Bit, .memory, .storage, .processor])
    }

    @Test("without a C: volume the total of all volumes stands in for the disk")
    func storageWithoutSystemDrive() {
        var row = Self.capableRow()
        row.storageVolumes = [StorageVolume(name: "D:", capacityBytes: 40_000_000_000), StorageVolume(name: "E:", capacityBytes: 30_000_000_000)]
        #expect(Windows11Assessment.assess(row).capable == true)
        row.storageVolumes.removeLast()
        #expect(Windows11Assessment.assess(row).deficiencies?.map(\.currentValue) == ["all volumes 37.3 GiB"])
    }

    @Test("a device already on 24H2 or later is capable whatever its hardware", arguments: [
        ("24H2", "26100"), ("25H2", nil), (nil, "26100.2605"), (nil, "10.0.26200"), ("24h2", "19045"),
    ] as [(String?, String?)])
    func alreadyUpgraded(releaseId: String?, build: String?) {
        var row = Self.capableRow()
        row.osReleaseId = releaseId
        row.osBuild = build
        row.cpuModel = "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz"
        row.hasTPM = nil
        let assessment = Windows11Assessment.assess(row)
        #expect(assessment.capable == true)
        #expect(assessment.deficienciesJSON == "[]")
    }

    @Test("23H2 and earlier builds still need the hardware checks", arguments: [
        ("23H2", "22631"), ("2009", "19042"), (nil, "10.0.22000"), ("24H1", nil),
    ] as [(String?, String?)])
    func notYetUpgraded(releaseId: String?, build: String?) {
        var row = Self.capableRow()
        row.osReleaseId = releaseId
        row.osBuild = build
        row.cpuModel = "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz"
        #expect(Windows11Assessment.assess(row).capable == false)
    }

    @Test("only NinjaOne Windows workstations are assessed")
    func applicability() {
        var server = Self.capableRow()
        server.deviceType = .server
        var mac = Self.capableRow()
        mac.osName = "macOS Sonoma"
        var linux = Self.capableRow()
        linux.osName = "Ubuntu 22.04"
        var threatLocker = Self.capableRow()
        threatLocker.vendor = .threatLocker
        for row in [server, mac, linux, threatLocker] {
            let assessment = Windows11Assessment.assess(row)
            #expect(assessment == .notApplicable)
            #expect(assessment.deficienciesJSON == nil)
        }
    }

    @Test("a Windows node class counts as Windows when the OS name is missing")
    func nodeClassWithoutOSName() {
        var row = Self.capableRow()
        row.osName = nil
        #expect(Windows11Assessment.assess(row).capable == true)
    }

    @Test("deficiencies are stored as canonical JSON")
    func json() throws {
        var row = Self.capableRow()
        row.secureBootEnabled = false
        let text = try #require(Windows11Assessment.assess(row).deficienciesJSON)
        #expect(text == #"[{"currentValue":"false","remediation":"Enable Secure Boot in the UEFI firmware settings","requirement":"Secure Boot enabled"}]"#)
        #expect(try JSONParser.parse(text)[0]?["requirement"] == "Secure Boot enabled")
    }

    @Test("the NinjaOne mapping stores the assessment on the row")
    func mappingStoresAssessment() throws {
        let payload = Fixtures.ninja(editingDevice: { device in
            device["processors"] = [["name": "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz"]]
        })
        let row = try #require(NinjaOneMapping.row(from: payload))
        #expect(row.windows11_24H2Capable == false)
        let stored = try JSONParser.parse(try #require(row.windows11_24H2Deficiencies))
        #expect(stored.arrayValue?.count == 1)
        #expect(stored[0]?["requirement"] == "Supported CPU")
    }
}
