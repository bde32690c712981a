import InventoryRules
import Testing

@Suite("Client names and alias suggestions")
struct SiteAliasSuggesterTests {
    @Test("names that differ only in case, spaces, punctuation, & / and, or a legal form normalize alike", arguments: [
        ("Gamma Inc", "Gamma, Inc."), ("Acme Dental Group", "Acme Dental Group, LLC"), ("Delgado & Finch Law", "Delgado and Finch Law"),
        ("Ironclad Manufacturing", "Ironclad Manufacturing Inc."), ("Smith Holdings L.L.C.", "smith  holdings"), ("O'Brien Plumbing Co", "OBrien Plumbing"),
        ("Müller GmbH", "MÜLLER"), ("Summit Title Co", "Summit Title Company"), ("Apex Corp", "APEX CORPORATION"), ("Beta-Tech Ltd", "Beta Tech"),
    ])
    func sameClient(_ first: String, _ second: String) {
        #expect(ClientNameNormalizer.normalize(first) == ClientNameNormalizer.normalize(second))
    }

    @Test("near misses stay different", arguments: [
        ("Acme Corp", "Acme Dental"), ("Evergreen Credit Union", "Evergreen CU"), ("North Clinic", "South Clinic"), ("Cedar Ridge", "Cedar Ridge Two"),
        ("Co-op Market", "Market"), ("Inc Design", "Design"),
    ])
    func differentClients(_ first: String, _ second: String) {
        #expect(ClientNameNormalizer.normalize(first) != ClientNameNormalizer.normalize(second))
    }

    @Test("a legal form alone is kept: a name never normalizes to nothing")
    func legalFormAlone() {
        #expect(ClientNameNormalizer.normalize("Inc.") == "inc")
        #expect(ClientNameNormalizer.normalize("  ") == "")
    }

    typealias Site = SiteAliasSuggester.Site
    typealias Overlap = SiteAliasSuggester.Overlap

    @Test("equal names are a confident suggestion; already-equal clients are not suggested")
    func byName() {
        let suggestions = SiteAliasSuggester.suggest(
            ninja: [Site(siteKey: "1", name: "Gamma Inc", devices: 10), Site(siteKey: "2", name: "Delta", devices: 5)],
            threatLocker: [Site(siteKey: "t1", name: "Gamma, Inc.", devices: 9), Site(siteKey: "t2", name: "delta ", devices: 5)],
            overlaps: [Overlap(ninjaSite: "1", threatLockerSite: "t1", devices: 8)])
        #expect(suggestions.count == 1)
        #expect(suggestions.first?.reason == .sameNameAndSharedDevices)
        #expect(suggestions.first?.confident == true)
        #expect(suggestions.first?.canonicalName == "Gamma Inc")
        #expect(suggestions.first?.matchedDevices == 8)
    }

    @Test("most devices shared: suggested; confident only when nearly all devices of both sites match")
    func byDevices() {
        let ninja = [Site(siteKey: "1", name: "Evergreen Credit Union", devices: 20), Site(siteKey: "2", name: "Riverbend School District", devices: 40)]
        let threatLocker = [Site(siteKey: "t1", name: "Evergreen CU", devices: 19), Site(siteKey: "t2", name: "Riverbend SD", devices: 30)]
        let suggestions = SiteAliasSuggester.suggest(ninja: ninja, threatLocker: threatLocker, overlaps: [
            Overlap(ninjaSite: "1", threatLockerSite: "t1", devices: 18), Overlap(ninjaSite: "2", threatLockerSite: "t2", devices: 20),
        ])
        #expect(suggestions.map(\.threatLocker.siteKey) == ["t1", "t2"])
        #expect(suggestions.map(\.reason) == [.sharedDevices, .sharedDevices])
        #expect(suggestions.map(\.confident) == [true, false], "20 of 40 and 30 is most of the smaller site, not nearly all of both")
    }

    @Test("no suggestion where the devices contradict the names, nor from a couple of shared devices")
    func contradiction() {
        let ninja = [Site(siteKey: "1", name: "Acme Corp", devices: 10), Site(siteKey: "2", name: "Acme Dental", devices: 12)]
        let threatLocker = [Site(siteKey: "t1", name: "ACME Corp.", devices: 12), Site(siteKey: "t2", name: "Zeta", devices: 10)]
        let suggestions = SiteAliasSuggester.suggest(ninja: ninja, threatLocker: threatLocker, overlaps: [
            Overlap(ninjaSite: "2", threatLockerSite: "t1", devices: 11), Overlap(ninjaSite: "1", threatLockerSite: "t1", devices: 1),
            Overlap(ninjaSite: "1", threatLockerSite: "t2", devices: 2),
        ])
        #expect(!suggestions.contains { $0.ninja.siteKey == "1" && $0.threatLocker.siteKey == "t1" }, "its devices are Acme Dental's")
        #expect(suggestions.contains { $0.ninja.siteKey == "2" && $0.threatLocker.siteKey == "t1" && $0.reason == .sharedDevices })
        #expect(!suggestions.contains { $0.threatLocker.siteKey == "t2" }, "2 shared devices are not most of 10")
    }

    @Test("two NinjaOne clients for one ThreatLocker site are suggested, never applied")
    func ambiguous() {
        let suggestions = SiteAliasSuggester.suggest(
            ninja: [Site(siteKey: "1", name: "Harbor LLC", devices: 3), Site(siteKey: "2", name: "Harbor Inc", devices: 3)],
            threatLocker: [Site(siteKey: "t1", name: "Harbor", devices: 3)], overlaps: [])
        #expect(suggestions.count == 2)
        #expect(suggestions.allSatisfy { !$0.confident })
    }
}
