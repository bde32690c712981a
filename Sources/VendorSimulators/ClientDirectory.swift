import InventoryJSON

/// The simulated MSP's clients with the ids each vendor gives them, and NinjaOne's
/// `/v2/organizations` and `/v2/locations` items.
struct ClientDirectory: Sendable {
    let clients: [ClientProfile]
    let organizationIDs: [Int]
    /// NinjaOne location ids per client, in the order of `ClientProfile.locations`.
    let locationIDs: [[Int]]
    let spareLocationIDs: [Int?]
    let threatLockerOrganizationIDs: [String]
    let organizations: [JSONValue]
    let locations: [JSONValue]
    private let locationNames: [Int: String]

    init(configuration: FleetConfiguration) {
        let clients = Array(ClientCatalog.clients.prefix(configuration.organizationCount))
        self.clients = clients
        var random = StableRandom(configuration.seed, 0xD1)
        organizationIDs = clients.indices.map { 2 + $0 }
        var nextLocation = 1
        var locationIDs: [[Int]] = []
        var spareIDs: [Int?] = []
        var locations: [JSONValue] = []
        var organizations: [JSONValue] = []
        for (position, client) in clients.enumerated() {
            let organizationID = 2 + position
            var ids: [Int] = []
            for name in client.locations {
                ids.append(nextLocation)
                locations.append(Self.location(id: nextLocation, organizationID: organizationID, name: name, random: &random))
                nextLocation += 1
            }
            locationIDs.append(ids)
            if let spare = client.spareLocation {
                spareIDs.append(nextLocation)
                locations.append(Self.location(id: nextLocation, organizationID: organizationID, name: spare, random: &random))
                nextLocation += 1
            } else {
                spareIDs.append(nil)
            }
            organizations.append([
                "id": JSONValue(organizationID), "name": .string(client.name), "description": "",
                "nodeApprovalMode": position % 5 == 0 ? "MANUAL" : "AUTOMATIC", "tags": [], "fields": [:],
            ])
        }
        self.locationIDs = locationIDs
        spareLocationIDs = spareIDs
        self.locations = locations
        self.organizations = organizations
        locationNames = Dictionary(
            uniqueKeysWithValues: locations.map { ($0["id"]?.intValue ?? 0, $0["name"]?.stringValue ?? "") })
        threatLockerOrganizationIDs = clients.indices.map { _ in random.uuid() }
    }

    private static let streets = ["Main St", "Commerce Dr", "Oak Ave", "Industrial Pkwy", "Lakeview Rd", "Market St"]
    private static let cities = [("Springfield", "IL", "62701"), ("Naperville", "IL", "60540"), ("Madison", "WI", "53703"), ("Peoria", "IL", "61602")]

    private static func location(id: Int, organizationID: Int, name: String, random: inout StableRandom) -> JSONValue {
        let city = random.pick(cities)
        let address = "\(random.int(in: 100...9999)) \(random.pick(streets)), \(city.0), \(city.1) \(city.2)"
        return [
            "id": JSONValue(id), "organizationId": JSONValue(organizationID), "name": .string(name),
            "address": .string(address), "description": "", "tags": [], "fields": [:],
        ]
    }

    func locationID(client: Int, seat: DeviceSeat) -> Int {
        if seat.spare == .location, let spare = spareLocationIDs[client] { return spare }
        let choices = locationIDs[client]
        return choices[Int(StableRandom.hash(UInt64(seat.index), seat.population.rawValue, UInt64(client)) % UInt64(choices.count))]
    }

    func locationName(id: Int) -> String {
        locationNames[id] ?? ""
    }
}
