import InventoryJSON

/// Builds a ThreatLocker `ComputerGetByAllParameters` item: the agent's view of a machine, with
/// ThreatLocker's own spelling of names and organizations. `totalRows` is added when a page is
/// served, since it depends on the whole result.
struct ThreatLockerComputerRenderer {
    let directory: ClientDirectory
    let seed: UInt64

    func computer(state: SeatState, names: MachineNames, profile: MachineProfile, activity: DailyActivity) -> JSONValue {
        let seat = state.seat
        let client = state.threatLockerClient
        let installed = activity.enrolledEpoch + 420
        let daysInstalled = (Double(activity.collectionEpoch) - installed) / 86_400
        var random = StableRandom(seed, 0x71, seat.population.rawValue, UInt64(seat.index), UInt64(state.generation))
        let mode: String
        if daysInstalled < 1 {
            mode = "Installation"
        } else if daysInstalled < 14 {
            mode = "Learning"
        } else {
            mode = random.chance(0.03) ? "Monitor Only" : "Secured"
        }
        let organizationID = directory.threatLockerOrganizationIDs[client]
        let group = seat.kind.threatLockerGroup
        var groupRandom = StableRandom(hashing: [seed, 0x6E, UInt64(client), UInt64(group.utf8.count)])
        let groupID = groupRandom.uuid()
        return [
            "computerId": .string(profile.threatLockerComputerID),
            "computerName": .string(names.threatLockerComputerName),
            "hostname": .string(names.threatLockerHostname),
            "group": .string(group),
            "computerGroupId": .string(groupID),
            "organizationId": .string(organizationID),
            "organizationName": .string(directory.clients[client].threatLockerName),
            "mode": .string(mode),
            "operatingSystem": .string(profile.os.threatLockerName),
            "osType": JSONValue(seat.kind == .mac ? 2 : 1),
            "lastCheckin": .string(CivilDate.iso8601(epochMilliseconds: Int((activity.lastContact + 30) * 1000))),
            "installDate": .string(CivilDate.iso8601(epochMilliseconds: Int(installed * 1000))),
            "denyCountOneDay": JSONValue(activity.denyCounts.oneDay),
            "denyCountThreeDays": JSONValue(activity.denyCounts.threeDays),
            "denyCountSevenDays": JSONValue(activity.denyCounts.sevenDays),
            "isLockedOut": .bool(random.chance(0.002)),
            "isIsolated": .bool(random.chance(0.001)),
            "threatLockerVersion": .string(profile.threatLockerVersion),
            "hasAtLeastOneCheckin": true,
            "isDeleted": false,
            "ipAddress": .string(profile.privateIP),
            "updateChannel": "Regular",
            "maintenanceModeType": nil,
            "maintenanceEndDate": nil,
        ]
    }

    /// The stale record a reinstall leaves behind: same hostname, its own id, silent for weeks.
    func staleDuplicate(of original: JSONValue, index: Int, collectionEpoch: Int) -> JSONValue {
        var random = StableRandom(seed, 0xD0B, UInt64(index))
        guard case .object(var members) = original else { return original }
        let silentDays = random.int(in: 20...120)
        let lastCheckin = collectionEpoch - silentDays * 86_400 - random.int(in: 0...80_000)
        members["computerId"] = .string(random.uuid())
        members["lastCheckin"] = .string(CivilDate.iso8601(epochMilliseconds: lastCheckin * 1000 + 417))
        members["installDate"] = .string(CivilDate.iso8601(epochMilliseconds: (lastCheckin - random.int(in: 200...900) * 86_400) * 1000 + 93))
        members["mode"] = "Secured"
        members["threatLockerVersion"] = "9.2.1"
        members["denyCountOneDay"] = 0
        members["denyCountThreeDays"] = 0
        members["denyCountSevenDays"] = 0
        return .object(members)
    }
}
