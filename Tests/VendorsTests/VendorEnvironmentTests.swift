import Testing
import Vendors

@Suite("Configuration from the environment")
struct VendorEnvironmentTests {
    static let ninja = ["NINJA_CLIENT_ID": "id-1234", "NINJA_CLIENT_SECRET": "secret-1234"]
    static let threatLocker = [
        "THREATLOCKER_API_BASE_URL": "https://portalapi.g.threatlocker.com", "THREATLOCKER_API_KEY": "key-1234",
        "THREATLOCKER_ORGANIZATION_ID": "org-1234",
    ]

    @Test("NinjaOne defaults to the US instance and the monitoring scope")
    func ninjaDefaults() throws {
        let configuration = try NinjaOneConfiguration.fromEnvironment(Self.ninja)
        #expect(configuration.baseURL == "https://app.ninjarmm.com")
        #expect(configuration.scope == "monitoring")
        #expect(configuration.clientID == "id-1234" && configuration.clientSecret == "secret-1234")
        let custom = try NinjaOneConfiguration.fromEnvironment(
            Self.ninja.merging(["NINJA_BASE_URL": "https://eu.ninjarmm.com", "NINJA_SCOPE": "monitoring management"]) { $1 })
        #expect(custom.baseURL == "https://eu.ninjarmm.com")
        #expect(custom.scope == "monitoring management")
    }

    @Test("a missing or blank NinjaOne credential is named", arguments: ["NINJA_CLIENT_ID", "NINJA_CLIENT_SECRET"])
    func ninjaMissing(name: String) {
        for environment in [Self.ninja.filter { $0.key != name }, Self.ninja.merging([name: "  "]) { $1 }] {
            let error = #expect(throws: VendorError.self) { try NinjaOneConfiguration.fromEnvironment(environment) }
            #expect(error?.reason == .missingSetting(name))
            #expect(error?.description == "NinjaOne is not configured: \(name) is not set")
        }
    }

    @Test("ThreatLocker settings are read, with pages of 500")
    func threatLockerReads() throws {
        let configuration = try ThreatLockerConfiguration.fromEnvironment(Self.threatLocker)
        #expect(configuration.baseURL == "https://portalapi.g.threatlocker.com")
        #expect(configuration.apiKey == "key-1234" && configuration.organizationID == "org-1234")
        #expect(configuration.pageSize == 500)
    }

    @Test(
        "a missing ThreatLocker setting is named",
        arguments: ["THREATLOCKER_API_BASE_URL", "THREATLOCKER_API_KEY", "THREATLOCKER_ORGANIZATION_ID"])
    func threatLockerMissing(name: String) {
        let error = #expect(throws: VendorError.self) { try ThreatLockerConfiguration.fromEnvironment(Self.threatLocker.filter { $0.key != name }) }
        #expect(error?.reason == .missingSetting(name))
        #expect(error?.description.contains(name) == true)
    }

    @Test("a base URL that is not http or https is refused")
    func badURL() {
        let error = #expect(throws: VendorError.self) {
            try NinjaOneConfiguration.fromEnvironment(Self.ninja.merging(["NINJA_BASE_URL": "app.ninjarmm.com"]) { $1 })
        }
        #expect(error?.description == "NinjaOne is not configured: NINJA_BASE_URL must be an http:// or https:// URL")
    }
}
