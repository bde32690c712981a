import InventoryJSON

/// Builds a NinjaOne `devices-detailed` item and its custom fields from a machine's state,
/// names, hardware and activity — about 2 KB of JSON shaped like the real API's, including the
/// fields the hub ignores, because the ledger must keep everything the vendor sends.
struct NinjaDeviceRenderer {
    let directory: ClientDirectory

    func device(id: Int, state: SeatState, names: MachineNames, profile: MachineProfile, activity: DailyActivity) -> JSONValue {
        let seat = state.seat
        let client = directory.clients[state.client]
        let locationID = directory.locationID(client: state.client, seat: seat)
        let organizationID = directory.organizationIDs[state.client]
        let role = Self.role(for: seat.kind)
        var device: [String: JSONValue] = [
            "id": JSONValue(id),
            "uid": .string(profile.uid),
            "organizationId": JSONValue(organizationID),
            "locationId": JSONValue(locationID),
            "nodeClass": .string(seat.kind.nodeClass),
            "nodeRoleId": JSONValue(role.id),
            "rolePolicyId": JSONValue(role.policyID),
            "policyId": JSONValue(role.policyID),
            "approvalStatus": "APPROVED",
            "offline": .bool(activity.offline),
            "displayName": .string(names.displayName),
            "systemName": .string(names.systemName),
            "dnsName": .string(names.dnsName),
            "created": JSONValue(activity.enrolledEpoch),
            "lastContact": JSONValue(activity.lastContact),
            "lastUpdate": JSONValue(activity.lastContact + 1.5),
            "deviceType": seat.kind == .vmGuest || seat.kind == .vmHost ? "VMWARE" : "AGENT",
            "os": os(profile: profile, activity: activity),
            "system": system(state: state, names: names, profile: profile, client: client),
            "memory": ["capacity": JSONValue(profile.memoryGiB << 30)],
            "processors": .array(Array(repeating: processor(profile.processor, kind: seat.kind), count: profile.processorCount)),
            "volumes": .array(volumes(profile: profile, kind: seat.kind, activity: activity)),
            "networkInterfaces": [networkInterface(profile: profile)],
            "publicIP": .string("203.0.113.\(locationID % 250 + 2)"),
            "ipAddresses": [.string(profile.privateIP), .string(Self.linkLocal(profile.macAddress))],
            "macAddresses": [.string(profile.macAddress)],
            "tags": [],
            "references": [
                "organization": ["id": JSONValue(organizationID), "name": .string(client.name), "nodeApprovalMode": "AUTOMATIC"],
                "location": ["id": JSONValue(locationID), "name": .string(directory.locationName(id: locationID)), "organizationId": JSONValue(organizationID)],
                "role": ["id": JSONValue(role.id), "name": .string(role.name), "nodeClass": .string(seat.kind.nodeClass)],
                "rolePolicy": ["id": JSONValue(role.policyID), "name": .string("\(role.name) - Standard"), "nodeClass": .string(seat.kind.nodeClass)],
            ],
        ]
        if seat.kind.isWindows { device["netbiosName"] = .string(names.netbiosName) }
        if seat.kind != .vmHost && seat.kind != .vmGuest {
            let account = names.userName.lowercased().split(separator: " ")
            let login = "\(account.first?.prefix(1) ?? "u")\(account.last ?? "ser")"
            device["lastLoggedInUser"] = .string(client.domain == nil ? login : "\(client.code)\\\(login)")
        }
        return .object(device)
    }

    /// The custom fields an MSP script fills in on Windows machines for the Windows 11 audit;
    /// other machines have none.
    func customFields(state: SeatState, profile: MachineProfile) -> JSONValue {
        guard state.seat.kind.isWindows else { return [:] }
        return [
            "hastpm": .string(profile.tpmVersion == nil ? "false" : "true"),
            "tpmenabled": .string(profile.tpmEnabled ? "true" : "false"),
            "tpmversion": .string(profile.tpmVersion ?? ""),
            "securebootavailable": .string(profile.secureBootAvailable ? "true" : "false"),
            "securebootenabled": .string(profile.secureBootEnabled ? "true" : "false"),
            "assettag": .string("AT-\(profile.serialNumber.suffix(5))"),
        ]
    }

    private func os(profile: MachineProfile, activity: DailyActivity) -> JSONValue {
        [
            "manufacturer": .string(profile.os.manufacturer), "name": .string(profile.os.name),
            "architecture": .string(profile.osArchitecture), "lastBootTime": JSONValue(activity.lastBoot),
            "buildNumber": .string(profile.os.buildNumber), "releaseId": .string(profile.os.releaseId),
            "servicePackMajorVersion": 0, "servicePackMinorVersion": 0, "locale": "en-US", "language": "English",
            "needsReboot": .bool(activity.needsReboot),
        ]
    }

    private func system(state: SeatState, names: MachineNames, profile: MachineProfile, client: ClientProfile) -> JSONValue {
        let kind = state.seat.kind
        let domainRole = client.domain == nil ? (kind.isServer ? "StandaloneServer" : "StandaloneWorkstation") : (kind.isServer ? "MemberServer" : "MemberWorkstation")
        return [
            "name": .string(names.systemName), "manufacturer": .string(profile.model.manufacturer), "model": .string(profile.model.model),
            "biosSerialNumber": .string(profile.serialNumber), "serialNumber": .string(profile.serialNumber),
            "domain": .string(directory.clients[state.nameClient].domain ?? "WORKGROUP"), "domainRole": .string(domainRole),
            "numberOfProcessors": JSONValue(profile.processorCount),
            "totalPhysicalMemory": JSONValue((profile.memoryGiB << 30) - 176_160_768),
            "virtualMachine": .bool(kind == .vmGuest), "chassisType": .string(profile.model.chassis),
        ]
    }

    private func processor(_ processor: HardwareCatalog.Processor, kind: DeviceKind) -> JSONValue {
        [
            "architecture": kind == .mac && processor.name.hasPrefix("Apple") ? "arm64" : "x64",
            "maxClockSpeed": JSONValue(processor.maxClockMHz * 1_000_000), "clockSpeed": JSONValue(processor.clockMHz * 1_000_000),
            "name": .string(processor.name), "numCores": JSONValue(processor.cores), "numLogicalCores": JSONValue(processor.threads),
        ]
    }

    private func volumes(profile: MachineProfile, kind: DeviceKind, activity: DailyActivity) -> [JSONValue] {
        func volume(_ name: String, _ label: String, _ capacity: Int, _ fileSystem: String, _ free: Double) -> JSONValue {
            [
                "name": .string(name), "label": .string(label), "deviceType": "Local Disk", "fileSystem": .string(fileSystem),
                "autoMount": true, "compressed": false, "capacity": JSONValue(capacity),
                "freeSpace": JSONValue(Int(Double(capacity) * free)), "serialNumber": .string(String(profile.serialNumber.prefix(8))),
            ]
        }
        if kind == .mac { return [volume("/", "Macintosh HD", profile.diskBytes, "apfs", activity.freeSpaceFraction)] }
        if kind == .linuxServer { return [volume("/", "root", profile.diskBytes, "ext4", activity.freeSpaceFraction)] }
        var list = [volume("C:", kind.isServer ? "System" : "OS", kind.isServer ? 107_374_182_400 : profile.diskBytes, "NTFS", activity.freeSpaceFraction)]
        if profile.hasDataDisk { list.append(volume("D:", "Data", profile.diskBytes, "NTFS", activity.freeSpaceFraction / 2 + 0.1)) }
        return list
    }

    private func networkInterface(profile: MachineProfile) -> JSONValue {
        let isWireless = profile.networkAdapter.contains("Wi-Fi")
        let gateway = profile.privateIP.split(separator: ".").prefix(3).joined(separator: ".") + ".1"
        return [
            "adapterName": .string(profile.networkAdapter), "interfaceName": isWireless ? "Wi-Fi" : "Ethernet",
            "interfaceType": isWireless ? "WIFI" : "ETHERNET",
            "ipAddress": [.string(profile.privateIP), .string(Self.linkLocal(profile.macAddress))],
            "linkSpeed": JSONValue(isWireless ? 866_700_000 : 1_000_000_000), "macAddress": [.string(profile.macAddress)],
            "status": "Up", "defaultGateway": .string(gateway), "dhcpEnabled": .bool(!profile.networkAdapter.contains("NetXtreme")),
        ]
    }

    private static func role(for kind: DeviceKind) -> (id: Int, policyID: Int, name: String) {
        switch kind {
        case .desktop, .laptop: (1, 101, "Windows Desktops and Laptops")
        case .windowsServer: (2, 102, "Windows Servers")
        case .mac: (3, 103, "Mac")
        case .vmGuest: (4, 104, "VMware VM Guests")
        case .vmHost: (5, 105, "VMware ESXi Hosts")
        case .linuxServer: (6, 106, "Linux Servers")
        }
    }

    private static func linkLocal(_ mac: String) -> String {
        let octets = mac.lowercased().split(separator: ":")
        return "fe80::\(octets[0])\(octets[1]):\(octets[2])ff:fe\(octets[3]):\(octets[4])\(octets[5])"
    }
}
