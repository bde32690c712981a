import Collectors
import Foundation
import InventoryJSON
import Ledger
import PostgresClient
import TestSupport
import Testing
import VendorSimulators

/// `inventory-hub collect` run as a user runs it: the built executable in a subprocess, its
/// settings in environment variables, its results on stdout and its errors on stderr.
@Suite("inventory-hub collect")
struct CommandLineTests {
    @Test("collect threatlocker --json appends the run and prints it as JSON; the date is today in INVENTORY_HUB_TZ")
    func threatLockerJSON() async throws {
        try await CollectorBench.with("collectcli") { bench in
            let zone = TimeZone(identifier: "Pacific/Kiritimati")!
            let before = CalendarDate(Date(), in: zone)
            let run = try await InventoryHubProcess.run(["collect", "threatlocker", "--json"], environment: [
                "THREATLOCKER_API_BASE_URL": bench.threatLocker.baseURL, "THREATLOCKER_API_KEY": CollectorBench.apiKey,
                "THREATLOCKER_ORGANIZATION_ID": CollectorBench.organizationID, "INVENTORY_HUB_TZ": zone.identifier,
                "DB_DSN": bench.database.conninfo, "INVENTORY_HUB_LOG_LEVEL": "trace",
            ])
            let after = CalendarDate(Date(), in: zone)
            #expect(run.status == 0, "\(run.stderr)")
            let output = try JSONParser.parse(run.stdout)
            let computers = await bench.threatLocker.control.fleet().threatLockerComputers.count
            #expect(output["devices"]?.intValue == computers && output["events"]?.intValue == computers + 1)
            #expect([before.description, after.description].contains(output["date"]?.stringValue ?? ""))
            #expect(output["vendor"] == "threatlocker" && output["source"] == "api")
            let runID = try #require(output["runId"]?.stringValue.flatMap(UUID.init(uuidString:)))
            #expect(try await bench.events(runID: runID).count == computers + 1)
            #expect(!run.stderr.isEmpty && !run.stderr.contains(CollectorBench.apiKey) && !run.stdout.contains(CollectorBench.apiKey))
        }
    }

    @Test("collect ninja prints the run id, date, device count and seconds, and saves a capture")
    func ninjaText() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await CollectorBench.with("collectclitext") { bench in
            let capture = folder.path("ninja.json")
            let run = try await InventoryHubProcess.run(
                ["collect", "ninja", "--date", "2025-03-01", "--save-capture", capture], environment: bench.ninjaEnvironment())
            #expect(run.status == 0, "\(run.stderr)")
            let devices = await bench.ninja.control.fleet().ninjaDevices.count
            let runID = try #require(try await bench.events().first?.runID)
            #expect(run.stdout.contains("run \(runID.uuidString.lowercased()): NinjaOne 2025-03-01, \(devices) devices in "), "\(run.stdout)")
            #expect(run.stdout.contains(" s\n") && run.stdout.contains("capture saved to \(capture)"))
            #expect(FileManager.default.fileExists(atPath: capture))
        }
    }

    @Test("refused credentials: exit 1, one sentence on stderr, nothing appended, the job failed")
    func refusedCredentials() async throws {
        try await CollectorBench.with("collectclifail") { bench in
            var environment = bench.ninjaEnvironment()
            environment["NINJA_CLIENT_SECRET"] = "not-the-secret-7d1e"
            let run = try await InventoryHubProcess.run(["collect", "ninja", "--date", "2025-03-01"], environment: environment)
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines.first?.contains("refused the credentials") == true, "\(run.stderr)")
            #expect(!run.stderr.contains("not-the-secret-7d1e"))
            #expect(try await bench.events().isEmpty)
            #expect(try await bench.jobRuns().map(\.status) == ["failed"])
        }
    }

    @Test("--from-file with a computer that has no usable identity: exit 1, one sentence naming the item and field, nothing appended")
    func unusableCaptureItem() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let capture = folder.path("threatlocker.json")
        try Data(#"{"computers":[{"hostname":42}]}"#.utf8).write(to: URL(fileURLWithPath: capture))
        try await CollectorBench.with("collectcliunusable") { bench in
            let run = try await InventoryHubProcess.run(
                ["collect", "threatlocker", "--date", "2025-03-01", "--from-file", capture], environment: ["DB_DSN": bench.database.conninfo])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            let lines = run.stderr.split(separator: "\n")
            let expected = "item 1 of 1 in computers (computers[0]) cannot be recorded: computerId is missing; hostname is a number, not a string"
            #expect(lines.count == 1 && lines.first?.hasSuffix(expected) == true, "\(run.stderr)")
            #expect(try await bench.events().isEmpty)
            let jobs = try await bench.jobRuns()
            #expect(jobs.map(\.status) == ["failed"] && jobs.first?.error == expected)
        }
    }

    @Test("a missing setting or a bad --date is a clear error and a non-zero exit")
    func usageErrors() async throws {
        try await CollectorBench.with("collectcliusage") { bench in
            let missing = try await InventoryHubProcess.run(["collect", "threatlocker", "--date", "2025-03-01"], environment: ["DB_DSN": bench.database.conninfo])
            #expect(missing.status == 1 && missing.stderr.contains("THREATLOCKER_API_BASE_URL is not set"), "\(missing.stderr)")
            let jobs = try await bench.jobRuns()
            #expect(jobs.map(\.status) == ["failed"] && jobs.first?.error?.contains("THREATLOCKER_API_BASE_URL") == true)

            let badDate = try await InventoryHubProcess.run(["collect", "ninja", "--date", "2025-02-30"], environment: bench.ninjaEnvironment())
            #expect(badDate.status != 0 && badDate.stderr.contains("--date: \"2025-02-30\" is not a calendar date"), "\(badDate.stderr)")
            let badZone = try await InventoryHubProcess.run(["collect", "ninja"], environment: bench.ninjaEnvironment(["INVENTORY_HUB_TZ": "Mars/Olympus"]))
            #expect(badZone.status == 1 && badZone.stderr.contains("Mars/Olympus"))
            #expect(try await bench.events().isEmpty)
        }
    }
}

extension CollectorBench {
    /// The NinjaOne settings of this bench's simulator, and the test database.
    func ninjaEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "NINJA_BASE_URL": ninja.baseURL, "NINJA_CLIENT_ID": Self.clientID, "NINJA_CLIENT_SECRET": Self.clientSecret,
            "DB_DSN": database.conninfo,
        ].merging(extra) { $1 }
    }
}
