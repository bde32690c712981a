import InventoryJSON
import InventoryRules
import Testing
import VendorSimulators

@Suite("Simulated MSP fleet")
struct FleetGeneratorTests {
    static let generator = VendorTestbed.acceptanceFleet
    static let day1 = generator.fleet(onDay: 1)
    static let defaultFleet = FleetGenerator().fleet(onDay: 0)

    @Test("the same configuration generates the same fleet, byte for byte")
    func deterministic() {
        let again = FleetGenerator(configuration: FleetConfiguration(ninjaDeviceCount: 1_234, threatLockerComputerCount: 1_000))
        #expect(again.fleet(onDay: 1) == Self.day1)
        let otherSeed = FleetGenerator(configuration: FleetConfiguration(seed: 99, ninjaDeviceCount: 1_234, threatLockerComputerCount: 1_000))
        #expect(otherSeed.fleet(onDay: 1).ninjaDevices != Self.day1.ninjaDevices)
    }

    @Test("each vendor reports exactly the configured number of devices on every day", arguments: [0, 1, 45, 400])
    func exactCounts(day: Int) {
        let fleet = Self.generator.fleet(onDay: day)
        #expect(fleet.ninjaDevices.count == 1_234)
        #expect(fleet.threatLockerComputers.count == 1_000)
        #expect(Set(fleet.ninjaDeviceIDs).count == 1_234)
        #expect(fleet.ninjaDeviceIDs == fleet.ninjaDeviceIDs.sorted())
        #expect(fleet.threatLockerComputers.allSatisfy { $0["totalRows"] == 1_000 })
        #expect(Set(fleet.customFields.keys) == Set(fleet.ninjaDeviceIDs.map(String.init)))
    }

    @Test("the default fleet is a normal MSP: about 1,500 and 1,300 devices across 20 clients")
    func defaults() {
        let configuration = FleetConfiguration()
        #expect(configuration.ninjaDeviceCount == 1_500)
        #expect(configuration.threatLockerComputerCount == 1_300)
        let fleet = Self.defaultFleet
        #expect(fleet.ninjaDevices.count == 1_500)
        #expect(fleet.organizations.count == 20)
        #expect(fleet.locations.count > 20)
        let organizationIDs = Set(fleet.organizations.compactMap { $0["id"]?.intValue })
        #expect(fleet.locations.allSatisfy { organizationIDs.contains($0["organizationId"]?.intValue ?? -1) })
    }

    @Test("consecutive days differ: devices are added, retired, renamed and moved between clients")
    func dayToDayChanges() {
        let day1 = Self.day1
        let day2 = Self.generator.fleet(onDay: 2)
        let before = Dictionary(uniqueKeysWithValues: day1.ninjaDevices.map { ($0["id"]!.intValue!, $0) })
        let after = Dictionary(uniqueKeysWithValues: day2.ninjaDevices.map { ($0["id"]!.intValue!, $0) })
        let kept = Set(before.keys).intersection(after.keys)
        #expect(!Set(after.keys).subtracting(before.keys).isEmpty, "new devices")
        #expect(!Set(before.keys).subtracting(after.keys).isEmpty, "retired devices")
        #expect(kept.contains { before[$0]?["systemName"] != after[$0]?["systemName"] }, "renames")
        #expect(kept.contains { before[$0]?["organizationId"] != after[$0]?["organizationId"] }, "moves between clients")
        #expect(day1.threatLockerComputers != day2.threatLockerComputers)
    }

    @Test("the fleet holds the cases an MSP audit looks for")
    func auditCases() throws {
        let fleet = Self.day1
        let locationNames = Dictionary(uniqueKeysWithValues: fleet.locations.map { ($0["id"]!.intValue!, $0["name"]!.stringValue!) })
        func isSpare(_ device: JSONValue) -> Bool {
            let display = device["displayName"]?.stringValue ?? ""
            let location = locationNames[device["locationId"]?.intValue ?? -1] ?? ""
            return display.lowercased().contains("spare") || location.lowercased().contains("spare")
        }
        let ninjaKeys = Dictionary(grouping: fleet.ninjaDevices) { CanonicalKey($0["systemName"]?.stringValue)! }
        let threatLockerKeys = Dictionary(grouping: fleet.threatLockerComputers) { CanonicalKey($0["hostname"]?.stringValue)! }
        let spares = fleet.ninjaDevices.filter(isSpare)

        #expect(spares.count > 10)
        #expect(spares.contains { $0["displayName"]?.stringValue?.contains("SPARE") == true }, "spare by display name")
        #expect(spares.contains { locationNames[$0["locationId"]!.intValue!]!.contains("Spare") }, "spare by location")
        #expect(spares.contains { threatLockerKeys[CanonicalKey($0["systemName"]?.stringValue)!] != nil }, "ThreatLocker on a spare")
        #expect(threatLockerKeys.values.contains { $0.count > 1 }, "duplicated ThreatLocker hostnames")
        #expect(threatLockerKeys.keys.contains { ninjaKeys[$0] == nil }, "ThreatLocker devices missing in NinjaOne")
        #expect(ninjaKeys.keys.contains { threatLockerKeys[$0] == nil }, "NinjaOne devices missing in ThreatLocker")
        let matched = threatLockerKeys.keys.filter { ninjaKeys[$0] != nil }.count
        #expect(Double(matched) > 0.9 * Double(threatLockerKeys.count), "most devices are in both vendors")
        #expect(fleet.threatLockerComputers.contains { $0["hostname"]?.stringValue?.hasSuffix(".corp.local") == true })
        #expect(fleet.ninjaDevices.contains { ($0["systemName"]?.stringValue?.count ?? 0) > 15 })
        #expect(fleet.threatLockerComputers.contains { ($0["hostname"]?.stringValue?.count ?? 0) > 15 })
        #expect(fleet.ninjaDevices.contains { $0["displayName"]?.stringValue?.contains(" | ") == true })
        #expect(fleet.threatLockerComputers.contains { $0["isDeleted"] == true })
        let nodeClasses = Set(fleet.ninjaDevices.compactMap { $0["nodeClass"]?.stringValue })
        #expect(nodeClasses.isSuperset(of: ["WINDOWS_WORKSTATION", "WINDOWS_SERVER", "MAC", "VMWARE_VM_GUEST", "VMWARE_VM_HOST"]))
    }

    @Test(
        "processors are real models, Xeons on servers",
        arguments: [
            "Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz", "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz",
            "AMD Ryzen 5 3600 6-Core Processor", "AMD Ryzen 7 PRO 5850U with Radeon Graphics",
        ])
    func processors(model: String) {
        let fleet = Self.defaultFleet
        #expect(fleet.ninjaDevices.contains { $0["processors"]?[0]?["name"]?.stringValue == model })
        let servers = fleet.ninjaDevices.filter { $0["nodeClass"] == "WINDOWS_SERVER" }
        #expect(servers.allSatisfy { $0["processors"]?[0]?["name"]?.stringValue?.contains("Xeon") == true })
    }

    @Test("device items are about 2 KB of JSON with every field the hub maps")
    func deviceShape() throws {
        let fleet = Self.day1
        let sizes = fleet.ninjaDevices.map { CanonicalJSONWriter.bytes($0).count }
        let average = sizes.reduce(0, +) / sizes.count
        #expect((1_500...3_000).contains(average))
        let keys: [String] = [
            "id", "uid", "organizationId", "locationId", "nodeClass", "approvalStatus", "offline", "displayName", "systemName",
            "dnsName", "created", "lastContact", "lastUpdate", "os", "system", "memory", "processors", "volumes",
            "networkInterfaces", "publicIP", "ipAddresses", "macAddresses", "references",
        ]
        for device in fleet.ninjaDevices { #expect(keys.allSatisfy { device[$0] != nil }) }
        let windows = try #require(fleet.ninjaDevices.first { $0["nodeClass"] == "WINDOWS_WORKSTATION" })
        #expect(windows["os"]?["buildNumber"] != nil && windows["system"]?["biosSerialNumber"] != nil)
        #expect(windows["created"]?.doubleValue.map { $0 != $0.rounded() } == true, "fractional epoch seconds")
        let fields = try #require(fleet.customFields[String(windows["id"]!.intValue!)])
        #expect(["hastpm", "tpmenabled", "tpmversion", "securebootavailable", "securebootenabled"].allSatisfy { fields[$0]?.stringValue != nil })
        let computerKeys = [
            "computerId", "hostname", "computerName", "organizationName", "organizationId", "group", "mode", "operatingSystem",
            "lastCheckin", "installDate", "denyCountOneDay", "denyCountThreeDays", "denyCountSevenDays", "isLockedOut",
            "isIsolated", "threatLockerVersion", "hasAtLeastOneCheckin", "isDeleted", "totalRows",
        ]
        for computer in fleet.threatLockerComputers { #expect(computerKeys.allSatisfy { computer[$0] != nil }) }
    }

    @Test("served JSON survives a canonical write and parse unchanged")
    func canonicalRoundTrip() throws {
        let fleet = Self.day1
        for item in fleet.ninjaDevices + fleet.threatLockerComputers + fleet.organizations + fleet.locations {
            #expect(try JSONParser.parse(CanonicalJSONWriter.bytes(item)) == item)
        }
    }

    @Test("calendar dates select simulated days")
    func datesSelectDays() throws {
        let configuration = Self.generator.configuration
        #expect(configuration.firstDay.description == "2025-01-01")
        #expect(configuration.dayIndex(of: try #require(CivilDate("2025-03-01"))) == 59)
        #expect(configuration.dayIndex(of: try #require(CivilDate("2024-12-31"))) == nil)
        #expect(configuration.date(ofDay: 59).description == "2025-03-01")
        #expect(Self.generator.fleet(on: try #require(CivilDate("2025-01-02"))) == Self.day1)
    }

    @Test("civil dates convert both ways", arguments: ["1970-01-01", "2000-02-29", "2024-02-29", "2025-12-31", "2100-03-01"])
    func civilDates(text: String) throws {
        let date = try #require(CivilDate(text))
        #expect(date.description == text)
        #expect(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }

    @Test("impossible dates are rejected", arguments: ["2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025-04-31"])
    func impossibleDates(text: String) {
        #expect(CivilDate(text) == nil)
    }
}
