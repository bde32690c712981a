import InventoryRules
import Testing

@Suite("Canonical client names")
struct SiteNamingTests {
    @Test("the alias wins over the site name, compared trimmed and lowercased", arguments: [
        ("Acme", "ACME Corp", "acme"),
        (nil, "  ACME Corp ", "acme corp"),
        ("   ", "ACME Corp", "acme corp"),
        ("", "Globex", "globex"),
        (nil, nil, ""),
        ("Initech LLC", nil, "initech llc"),
    ] as [(String?, String?, String)])
    func canonicalName(alias: String?, siteName: String?, expected: String) {
        #expect(SiteNaming.canonicalClientName(alias: alias, siteName: siteName) == expected)
    }

    @Test("the name a person reads keeps its case, trimmed; blank aliases fall back to the site name", arguments: [
        ("Acme Dental Group", "ACME DENTAL", "Acme Dental Group"),
        (nil, "  Delgado & Finch Law ", "Delgado & Finch Law"),
        ("  ", "Globex", "Globex"),
        (nil, nil, ""),
    ] as [(String?, String?, String)])
    func displayName(alias: String?, siteName: String?, expected: String) {
        #expect(SiteNaming.clientName(alias: alias, siteName: siteName) == expected)
        #expect(SiteNaming.comparisonForm(expected) == SiteNaming.canonicalClientName(alias: alias, siteName: siteName))
    }

    @Test("two names differ only when both are known and not equal ignoring case and spaces", arguments: [
        ("ACME Corp", " acme corp", false),
        ("ACME Corp", "Acme Corporation", true),
        ("ACME Corp", "", false),
        ("", "", false),
    ])
    func differ(first: String, second: String, expected: Bool) {
        #expect(SiteNaming.differ(first, second) == expected)
    }
}
