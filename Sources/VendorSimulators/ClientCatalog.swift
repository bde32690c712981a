/// The MSP's client organizations as both vendors name them. ThreatLocker names sometimes
/// differ from NinjaOne's ("…, LLC"), as they do in a real MSP where the two portals were set
/// up by different people; `site_alias` exists for exactly that.
struct ClientProfile: Sendable, Hashable {
    let name: String
    let threatLockerName: String
    /// Short code used in hostnames (`LT-ACME-0042`).
    let code: String
    /// Active Directory DNS domain, nil for a workgroup office.
    let domain: String?
    let locations: [String]
    /// A location holding spare devices, for clients that keep spares on the shelf.
    let spareLocation: String?
    /// Relative size of the client's fleet.
    let weight: Double
}

enum ClientCatalog {
    static let clients: [ClientProfile] = [
        client("Acme Dental Group", "Acme Dental Group, LLC", "ACME", "corp.local", ["Main Office", "Northside Clinic", "Westgate Clinic"], spare: "Spare Inventory", weight: 9),
        client("Brookwater Logistics", nil, "BRKWTR", "brookwater.local", ["Headquarters", "Warehouse 2", "Dispatch"], spare: "Spares Closet", weight: 14),
        client("Cedar Ridge Family Medicine", nil, "CEDAR", "cedarridge.local", ["Main Office", "Urgent Care"], spare: nil, weight: 6),
        client("Delgado & Finch Law", "Delgado and Finch Law", "DFLAW", "dflaw.local", ["Downtown"], spare: nil, weight: 4),
        client("Evergreen Credit Union", "Evergreen CU", "EVCU", "evcu.org", ["Operations Center", "Main Branch", "South Branch", "Airport Branch"], spare: "Spare Pool", weight: 16),
        client("Foxhollow Veterinary", nil, "FOXVET", nil, ["Clinic"], spare: nil, weight: 2),
        client("Granite Peak Engineering", nil, "GPENG", "granitepeak.local", ["Main Office", "Field Office"], spare: "Spare Inventory", weight: 7),
        client("Harborview Realty", nil, "HBVR", nil, ["Office"], spare: nil, weight: 2.5),
        client("Ironclad Manufacturing", "Ironclad Manufacturing Inc.", "IRONMF", "ironclad.local", ["Plant 1", "Plant 2", "Front Office"], spare: "Spare Inventory", weight: 12),
        client("Juniper Street Church", nil, "JSC", nil, ["Church Office"], spare: nil, weight: 1.5),
        client("Keystone Accounting", nil, "KEYACC", "keystonecpa.local", ["Main Office"], spare: nil, weight: 3.5),
        client("Lakeside Orthodontics", nil, "LKORTH", "lakeside.local", ["Lakeside", "Hillcrest"], spare: nil, weight: 3),
        client("Meridian Insurance Partners", nil, "MIP", "meridianins.com", ["Main Office", "Claims Center"], spare: "Spare Laptops", weight: 8),
        client("Northgate Public Library", nil, "NGPL", "ngpl.local", ["Central Library", "East Branch"], spare: nil, weight: 5),
        client("Oakmont Senior Living", "Oakmont Senior Living Communities", "OAKSL", "oakmont.local", ["Oakmont North", "Oakmont South"], spare: nil, weight: 6),
        client("Pinnacle Roofing", nil, "PINRF", nil, ["Office", "Yard"], spare: nil, weight: 2),
        client("Quarry Hill Winery", nil, "QHW", nil, ["Tasting Room"], spare: nil, weight: 1),
        client("Riverbend School District", "Riverbend SD", "RBSD", "riverbend.k12.local", ["District Office", "Riverbend High", "Riverbend Middle", "Elm Elementary"], spare: "Spare Inventory", weight: 18),
        client("Summit Title Co", nil, "SUMTTL", "summittitle.local", ["Main Office"], spare: nil, weight: 3),
        client("Tallgrass Architects", nil, "TGARCH", "tallgrass.local", ["Studio"], spare: nil, weight: 3),
        client("Union Station Dental", nil, "USD", nil, ["Union Station"], spare: nil, weight: 2),
        client("Vantage Freight", nil, "VANFR", "vantagefreight.local", ["Terminal A", "Terminal B"], spare: nil, weight: 5),
        client("Willow Creek Pediatrics", nil, "WCPED", "willowcreek.local", ["Main Office"], spare: nil, weight: 4),
        client("Yellowstone Outfitters", nil, "YSOUT", nil, ["Store", "Warehouse"], spare: nil, weight: 2),
    ]

    private static func client(
        _ name: String, _ threatLockerName: String?, _ code: String, _ domain: String?, _ locations: [String],
        spare: String?, weight: Double
    ) -> ClientProfile {
        ClientProfile(
            name: name, threatLockerName: threatLockerName ?? name, code: code, domain: domain,
            locations: locations, spareLocation: spare, weight: weight)
    }

    static let firstNames = [
        "Jennifer", "Michael", "Sarah", "David", "Emily", "Carlos", "Priya", "Nathan", "Olivia", "Marcus",
        "Hannah", "Tyler", "Grace", "Diego", "Chloe", "Brandon", "Aisha", "Kevin", "Megan", "Luis",
    ]
    static let lastNames = [
        "Smith", "Johnson", "Nguyen", "Garcia", "Miller", "Patel", "Brown", "Davis", "Lopez", "Wilson",
        "Anderson", "Thomas", "Moore", "Martin", "Lee", "Walker", "Hall", "Young", "King", "Wright",
    ]
    static let friendlyLabels = ["Front Desk", "Reception", "Conference Room", "Shipping", "Lab", "Break Room Kiosk"]
}
