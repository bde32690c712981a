import Foundation
import InventoryJSON

/// One client is often spelled differently in each vendor ("ACME Corp" in NinjaOne, "Acme
/// Corporation" in ThreatLocker); `site_alias.canonical_name` maps both to one name. These
/// functions give the form two sites are compared in.
public enum SiteNaming {
    /// The client's name for cross-vendor comparison: the alias's canonical name when one is
    /// set (and not blank), else the vendor's site name; trimmed and lowercased so case and
    /// stray spaces never make a mismatch. Empty when neither is known.
    public static func canonicalClientName(alias: String?, siteName: String?) -> String {
        comparisonForm(clientName(alias: alias, siteName: siteName))
    }

    /// The client's name as a person reads it: the alias's canonical name when one is set (and
    /// not blank), else the vendor's site name, trimmed but in its own case ("Acme Dental
    /// Group"). Two of these denote one client when their `comparisonForm`s are equal.
    public static func clientName(alias: String?, siteName: String?) -> String {
        ([alias, siteName].lazy.compactMap { $0 }.first { !$0.allSatisfy(\.isWhitespace) } ?? "").trimmedWhitespace()
    }

    /// Trimmed and lowercased: the form in which two client names are equal or not.
    public static func comparisonForm(_ name: String) -> String {
        name.trimmedWhitespace().lowercased()
    }

    /// True when both names are known and denote different clients.
    public static func differ(_ first: String, _ second: String) -> Bool {
        let a = comparisonForm(first), b = comparisonForm(second)
        return !a.isEmpty && !b.isEmpty && a != b
    }
}
