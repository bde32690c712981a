/// Proposes which NinjaOne and ThreatLocker sites are one client, from evidence: names equal
/// once normalized (`ClientNameNormalizer`), or most of their devices matching across vendors
/// by canonical key. A pure rule over counts, so it is tested in tables.
public enum SiteAliasSuggester {
    /// A vendor site as the rule sees it.
    public struct Site: Sendable, Hashable {
        public var siteKey: String
        public var name: String
        /// The name it is compared under now (its alias, else its name).
        public var canonicalName: String
        /// Devices on the newest compared day.
        public var devices: Int

        public init(siteKey: String, name: String, canonicalName: String? = nil, devices: Int) {
            self.siteKey = siteKey
            self.name = name
            self.canonicalName = canonicalName ?? name
            self.devices = devices
        }
    }

    /// ThreatLocker devices of `threatLockerSite` that match a NinjaOne device of `ninjaSite`.
    public struct Overlap: Sendable, Hashable {
        public var ninjaSite: String
        public var threatLockerSite: String
        public var devices: Int

        public init(ninjaSite: String, threatLockerSite: String, devices: Int) {
            self.ninjaSite = ninjaSite
            self.threatLockerSite = threatLockerSite
            self.devices = devices
        }
    }

    public enum Reason: String, Sendable, Hashable {
        case sameName = "same_name"
        case sharedDevices = "shared_devices"
        case sameNameAndSharedDevices = "same_name_and_shared_devices"
    }

    public struct Suggestion: Sendable, Hashable {
        public var ninja: Site
        public var threatLocker: Site
        public var reason: Reason
        public var matchedDevices: Int
        /// Recorded by `--apply`: the names agree and the devices do not point elsewhere, or
        /// nearly all devices of both sites match.
        public var confident: Bool
        /// What the ThreatLocker site's alias would be: the NinjaOne site's canonical name.
        public var canonicalName: String { ninja.canonicalName }
    }

    /// Share of both sites' devices that must match for a suggestion from devices alone to be
    /// confident, and of the smaller site's for it to be made at all ("most of their devices").
    static let confidentShare = 0.8
    static let suggestedShare = 0.5
    static let minimumDevices = 3

    public static func suggest(ninja: [Site], threatLocker: [Site], overlaps: [Overlap]) -> [Suggestion] {
        var matched: [String: [String: Int]] = [:]  // threatLocker site → ninja site → devices
        for overlap in overlaps where overlap.devices > 0 { matched[overlap.threatLockerSite, default: [:]][overlap.ninjaSite, default: 0] += overlap.devices }
        var byNormalizedName: [String: [Site]] = [:]
        for site in ninja {
            for name in Set([site.name, site.canonicalName].map(ClientNameNormalizer.normalize)) where !name.isEmpty {
                byNormalizedName[name, default: []].append(site)
            }
        }
        let ninjaByKey = Dictionary(ninja.map { ($0.siteKey, $0) }, uniquingKeysWith: { first, _ in first })
        var suggestions: [Suggestion] = []
        for site in threatLocker.sorted(by: { $0.siteKey < $1.siteKey }) {
            let counts = matched[site.siteKey] ?? [:]
            let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }
            var candidates: [String: Reason] = [:]
            let names = Set([site.name, site.canonicalName].map(ClientNameNormalizer.normalize))
            for name in names where !name.isEmpty {
                for candidate in byNormalizedName[name] ?? [] { candidates[candidate.siteKey] = .sameName }
            }
            if let best, let candidate = ninjaByKey[best.key], best.value >= minimumDevices,
                Double(best.value) >= suggestedShare * Double(max(1, min(candidate.devices, site.devices)))
            {
                candidates[best.key] = candidates[best.key] == nil ? .sharedDevices : .sameNameAndSharedDevices
            }
            let first = suggestions.count
            for (key, reason) in candidates.sorted(by: { $0.key < $1.key }) {
                guard let candidate = ninjaByKey[key] else { continue }
                if SiteNaming.comparisonForm(candidate.canonicalName) == SiteNaming.comparisonForm(site.canonicalName) { continue }
                let shared = counts[key] ?? 0
                // Names that agree while the devices sit with another NinjaOne client are not a
                // suggestion: the evidence contradicts the names.
                if reason == .sameName, let best, best.key != key, best.value > shared, best.value >= minimumDevices { continue }
                let confident: Bool
                switch reason {
                case .sameName, .sameNameAndSharedDevices: confident = true
                case .sharedDevices:
                    confident = Double(shared) >= confidentShare * Double(max(candidate.devices, site.devices))
                }
                suggestions.append(Suggestion(ninja: candidate, threatLocker: site, reason: reason, matchedDevices: shared, confident: confident))
            }
            // Two NinjaOne clients for one ThreatLocker site: a person decides.
            if suggestions.count - first > 1 {
                for index in first..<suggestions.count { suggestions[index].confident = false }
            }
        }
        return suggestions
    }
}
