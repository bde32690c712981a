import ArgumentParser
import Foundation
import InventoryRules
import PostgresClient
import Projections

/// `inventory-hub sites list|alias|unalias|suggest`: vendor sites and the canonical client
/// names that make NinjaOne's and ThreatLocker's spellings of a client one client.
struct SitesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "List vendor sites and set the aliases that make two vendors' sites one client.",
        discussion: "An alias is a ledger event (site_alias_set, site_alias_removed): it is recorded with who set it and why, survives every rebuild, and a replay --known-at shows the exceptions with the aliases recorded by then. After an alias is set, catch-up evaluates the exceptions of every compared day again with the aliases in force now, so SITE_MISMATCH episodes of that client close as cleared and the per-client reports group both vendors' devices under the canonical name.",
        subcommands: [List.self, Alias.self, Unalias.self, Suggest.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Each site: vendor, key, name, devices on the newest day, canonical name, alias.")
        @Option(help: "Only this vendor: ninja or threatlocker.") var vendor: CollectVendor?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let query = SiteQuery(vendor: vendor?.vendor)
            let connection = try await SitesCommand.connect()
            let sites = try await connection.withSession { try query.rows($0) }
            await connection.close()
            if json {
                try Terminal.printJSON(sites.map { site -> [String: Any] in
                    [
                        "id": site.id, "vendor": site.vendor == .ninja ? "ninja" : "threatlocker", "siteKey": site.siteKey, "name": site.name,
                        "devices": site.devices, "canonicalName": site.canonicalName, "aliased": site.aliased,
                    ]
                })
                return
            }
            print("vendor        site key                              devices  name → canonical name")
            for site in sites {
                let vendor = (site.vendor == .ninja ? "ninja" : "threatlocker").padding(toLength: 13, withPad: " ", startingAt: 0)
                let key = site.siteKey.padding(toLength: 36, withPad: " ", startingAt: 0)
                let alias = site.aliased ? " → \(site.canonicalName) (alias)" : ""
                print("\(vendor) \(key) \(String(format: "%8d", site.devices))  \(site.name)\(alias)")
            }
            print("\(sites.count) site(s)")
        }
    }

    struct Alias: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a vendor site a canonical client name (a site_alias_set ledger event).")
        @Argument(help: "ninja or threatlocker.") var vendor: CollectVendor
        @Argument(help: "The vendor's site key (see sites list).") var siteKey: String
        @Argument(help: "The client's canonical name.") var canonicalName: String
        @Option(help: "Why, for the audit trail.") var note: String?
        @Option(help: "Who sets it (default: the login name).") var by: String?

        func run() async throws {
            let change = SiteAliasEvent(vendor: vendor.vendor, siteKey: siteKey, canonicalName: canonicalName, actor: by ?? SitesCommand.loginName, note: note)
            try await SitesCommand.record([change])
            print("\(vendor.rawValue) site \(siteKey) is now compared as \"\(canonicalName.trimmingCharacters(in: .whitespaces))\"")
        }
    }

    struct Unalias: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a site's alias (a site_alias_removed ledger event).")
        @Argument(help: "ninja or threatlocker.") var vendor: CollectVendor
        @Argument(help: "The vendor's site key.") var siteKey: String
        @Option(help: "Why, for the audit trail.") var note: String?
        @Option(help: "Who removes it (default: the login name).") var by: String?

        func run() async throws {
            let change = SiteAliasEvent(vendor: vendor.vendor, siteKey: siteKey, canonicalName: nil, actor: by ?? SitesCommand.loginName, note: note)
            try await SitesCommand.record([change])
            print("\(vendor.rawValue) site \(siteKey) is compared under its own name again")
        }
    }

    struct Suggest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suggest NinjaOne/ThreatLocker site pairs that are one client, from their names and their devices.",
            discussion: "A pair is suggested when the names are equal once case, spaces, punctuation, & / and and legal forms (LLC, Inc., Ltd, Co, Corp, GmbH…) are set aside, or when most of their devices match across vendors by canonical key; never when the names agree but the devices sit with another client. --apply records the confident ones as aliases of the ThreatLocker site (actor: sites suggest).")
        @Flag(help: "Record the confident suggestions as aliases.") var apply = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let connection = try await SitesCommand.connect()
            let apply = self.apply
            let suggestions: [SiteAliasSuggester.Suggestion]
            do {
                suggestions = try await connection.withSession { apply ? try SiteSuggestionQuery().apply($0) : try SiteSuggestionQuery().suggestions($0) }
            } catch {
                await connection.close()
                throw error
            }
            let confident = suggestions.filter(\.confident)
            await connection.close()
            if json {
                try Terminal.printJSON(suggestions.map { suggestion -> [String: Any] in
                    [
                        "ninja": ["siteKey": suggestion.ninja.siteKey, "name": suggestion.ninja.name, "devices": suggestion.ninja.devices],
                        "threatlocker": ["siteKey": suggestion.threatLocker.siteKey, "name": suggestion.threatLocker.name, "devices": suggestion.threatLocker.devices],
                        "reason": suggestion.reason.rawValue, "matchedDevices": suggestion.matchedDevices, "confident": suggestion.confident,
                        "canonicalName": suggestion.canonicalName, "applied": apply && suggestion.confident,
                    ]
                })
                return
            }
            if suggestions.isEmpty { print("no suggestions: every client with devices in both vendors already compares equal") }
            for suggestion in suggestions {
                let mark = suggestion.confident ? (apply ? "applied " : "confident") : "check   "
                print("\(mark)  NinjaOne \"\(suggestion.ninja.name)\" (\(suggestion.ninja.devices)) ↔ ThreatLocker \"\(suggestion.threatLocker.name)\" (\(suggestion.threatLocker.devices)): \(suggestion.reason.rawValue.replacingOccurrences(of: "_", with: " ")), \(suggestion.matchedDevices) matching devices")
            }
            if !apply, !confident.isEmpty { print("\(confident.count) confident suggestion(s); --apply records them as aliases") }
        }
    }

    static var loginName: String { ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown" }

    static func connect() async throws -> PostgresConnection {
        let connection = try await DatabaseTarget.resolve().connect()
        try await MigrateCommand.apply(connection)
        return connection
    }

    static func record(_ changes: [SiteAliasEvent]) async throws {
        let connection = try await connect()
        do {
            try await connection.withSession { try SiteAliasWriter(session: $0).record(changes) }
        } catch let failure as SiteAliasWriter.Failure {
            await connection.close()
            throw ValidationError(failure.description)
        }
        await connection.close()
    }
}
