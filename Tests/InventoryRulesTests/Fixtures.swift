import Foundation
import InventoryJSON
import InventoryRules

/// Realistic vendor payloads and row builders shared by the suites.
enum Fixtures {
    /// A NinjaOne laptop as `/v2/devices-detailed` returns it, wrapped as a `device_observed`
    /// payload with its organization, location and custom fields.
    static let ninjaLaptop = #"""
        {
          "device": {
            "id": 1042, "parentDeviceId": null, "organizationId": 17, "locationId": 33,
            "nodeClass": "WINDOWS_WORKSTATION", "nodeRoleId": 3, "rolePolicyId": 12, "approvalStatus": "APPROVED",
            "offline": false, "displayName": "Reception PC | Front desk", "systemName": "WS-ACME-0001",
            "dnsName": "WS-ACME-0001.corp.acme.local", "netbiosName": "WS-ACME-0001",
            "created": 1651234567.0, "lastContact": 1736942553.123, "lastUpdate": 1736942600.5,
            "os": {"manufacturer": "Microsoft Corporation", "name": "Windows 11 Professional Edition",
                   "architecture": "64-bit", "buildNumber": "22631", "releaseId": "23H2", "servicePackMajorVersion": 0,
                   "servicePackMinorVersion": 0, "locale": "en-US", "language": "English", "needsReboot": false},
            "system": {"name": "WS-ACME-0001", "manufacturer": "LENOVO", "model": "20S0003QUS",
                       "biosSerialNumber": "PF2ABCDE", "serialNumber": "PF2ABCDE", "domain": "corp.acme.local",
                       "domainRole": "MEMBER_WORKSTATION", "numberOfProcessors": 1, "virtualMachine": false,
                       "chassisType": "LAPTOP"},
            "memory": {"capacity": 17179869184},
            "processors": [{"architecture": "x64", "maxClockSpeed": 2304000000, "clockSpeed": 1800000000,
                            "name": "Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz", "numCores": 4, "numLogicalCores": 8}],
            "volumes": [
              {"name": "D:", "label": "Data", "deviceType": "Local Disk", "fileSystem": "NTFS", "capacity": 1000202039296, "freeSpace": 400000000000},
              {"name": "C:", "label": "Windows", "deviceType": "Local Disk", "fileSystem": "NTFS", "capacity": 512110190592, "freeSpace": 210000000000}
            ],
            "ipAddresses": ["10.0.4.21"], "macAddresses": ["A4:BB:6D:11:22:33"],
            "publicIP": "203.0.113.10", "references": {"backupUsage": null}
          },
          "organization": {"id": 17, "name": "ACME Corp", "description": "Widgets", "nodeApprovalMode": "AUTOMATIC"},
          "location": {"id": 33, "name": "Main Office", "address": "1 Main St"},
          "customFields": {"hastpm": "true", "tpmenabled": "true", "tpmversion": "2.0",
                           "securebootavailable": "true", "securebootenabled": "true", "assetTag": "A-1001"}
        }
        """#

    /// A ThreatLocker computer as `ComputerGetByAllParameters` returns it.
    static let threatLockerComputer = #"""
        {
          "computer": {
            "computerId": "6f1c2a7e-8b0d-4c1e-9a51-2f3b4c5d6e7f", "hostname": "WS-ACME-0001",
            "computerName": "WS-ACME-0001 | jsmith", "organizationId": "a1b2c3d4-0000-4000-8000-000000000017",
            "organizationName": "Acme Corporation", "group": "Workstations", "mode": "Secured",
            "operatingSystem": "Windows 11 Pro", "lastCheckin": "2025-01-15T12:02:33.1234567Z",
            "installDate": "2023-04-29T14:16:07Z", "denyCountOneDay": 3, "denyCountThreeDays": 11,
            "denyCountSevenDays": "25", "isLockedOut": false, "isIsolated": false,
            "threatLockerVersion": "9.3.3", "hasAtLeastOneCheckin": true, "isDeleted": false,
            "ipAddress": "10.0.4.21", "totalRows": 812
          }
        }
        """#

    static func json(_ text: String) -> JSONValue {
        do { return try JSONParser.parse(text) } catch { fatalError("fixture does not parse: \(error)") }
    }

    /// The laptop payload with `edit` applied to its `device` object.
    static func ninja(editingDevice edit: (inout [String: JSONValue]) -> Void = { _ in }, customFields: JSONValue? = nil) -> JSONValue {
        guard case .object(var payload) = json(ninjaLaptop), case .object(var device) = payload["device"]! else {
            fatalError("fixture is not an object")
        }
        edit(&device)
        payload["device"] = .object(device)
        if let customFields { payload["customFields"] = customFields }
        return .object(payload)
    }

    /// The ThreatLocker payload with `edit` applied to its `computer` object.
    static func threatLocker(editing edit: (inout [String: JSONValue]) -> Void = { _ in }) -> JSONValue {
        guard case .object(var payload) = json(threatLockerComputer), case .object(var computer) = payload["computer"]! else {
            fatalError("fixture is not an object")
        }
        edit(&computer)
        payload["computer"] = .object(computer)
        return .object(payload)
    }

    /// A NinjaOne row as the mapping would give it, for the rule suites.
    static func ninjaRow(
        _ hostname: String, key: String? = nil, display: String? = nil, site: String = "17", client: String = "ACME Corp",
        os: String? = "Windows 11 Pro", billing: BillingStatus = .billable, type: DeviceType = .workstation
    ) -> DeviceSnapshotRow {
        var row = DeviceSnapshotRow(vendor: .ninja, vendorDeviceKey: key ?? hostname, deviceType: type, billingStatus: billing)
        row.hostname = hostname
        row.displayName = display
        row.osName = os
        row.siteKey = site
        row.siteName = client
        row.organizationName = client
        row.matchKeys = Set([hostname, display].compactMap(CanonicalKey.init))
        return row
    }

    /// A ThreatLocker row as the mapping would give it.
    static func threatLockerRow(
        _ hostname: String, id: String? = nil, computerName: String? = nil, site: String = "tl-17", client: String = "ACME Corp",
        os: String = "Windows 11 Pro"
    ) -> DeviceSnapshotRow {
        var row = DeviceSnapshotRow(vendor: .threatLocker, vendorDeviceKey: id ?? "tl-" + hostname, deviceType: .workstation)
        row.hostname = hostname
        row.displayName = computerName ?? hostname
        row.osName = os
        row.siteKey = site
        row.siteName = client
        row.organizationName = client
        row.matchKeys = Set([hostname, computerName].compactMap(CanonicalKey.init))
        return row
    }

    static func key(_ text: String) -> CanonicalKey { CanonicalKey(text)! }
}
