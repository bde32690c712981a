import ArgumentParser
import Collectors
import Foundation
import InventoryRules
import Logging
import PostgresClient
import Vendors

/// `inventory-hub collect ninja|threatlocker`: one collection run, appended atomically.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Collect one vendor's devices and append them to the ledger as one atomic run.",
        discussion: """
            The run's device_observed events and its collection_completed event are appended in one transaction, or not at all: any HTTP, authentication, paging or parse failure appends nothing, records the reason in job_runs and exits non-zero. A run with no devices is refused unless --allow-empty is given. Read models are not touched; `inventory-hub project catch-up` applies new runs to them.

            Environment (credentials are never printed, logged or stored):
              NINJA_BASE_URL          default https://app.ninjarmm.com
              NINJA_CLIENT_ID         NinjaOne API client id
              NINJA_CLIENT_SECRET     NinjaOne API client secret
              NINJA_SCOPE             OAuth2 scope, default monitoring
              THREATLOCKER_API_BASE_URL     portal API host (https://…)
              THREATLOCKER_API_KEY          sent as Authorization
              THREATLOCKER_ORGANIZATION_ID  sent as managedOrganizationId
              INVENTORY_HUB_TZ        zone of the snapshot date, default America/Chicago
              INVENTORY_HUB_LOG_LEVEL trace … error, default warning (stderr)
              DB_DSN                  the database; unset: the embedded one
            """
    )

    @Argument(help: "The vendor to collect: ninja or threatlocker.")
    var vendor: CollectVendor

    @Option(help: ArgumentHelp("Snapshot date of the run; default today in INVENTORY_HUB_TZ.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read a capture file instead of calling the API.", valueName: "path"))
    var fromFile: String?

    @Option(name: .customLong("save-capture"), help: ArgumentHelp("Also write what was collected as a capture file (--from-file reads it).", valueName: "path"))
    var saveCapture: String?

    @Flag(name: .customLong("allow-empty"), help: "Append a run with no devices instead of refusing it as suspicious.")
    var allowEmpty = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if let date {
            do { _ = try SnapshotDate.parse(date) } catch { throw ValidationError("--date: \(error)") }
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let snapshot = try date.map { try SnapshotDate.parse($0) } ?? SnapshotDate.today(environment: environment)
        let connection = try await DatabaseTarget.resolve(environment: environment).connect()
        do {
            let result = try await collect(on: snapshot, connection: connection, environment: environment)
            await connection.close()
            try report(result)
        } catch {
            await connection.close()
            throw error
        }
    }

    private func collect(on snapshot: CalendarDate, connection: PostgresConnection, environment: [String: String]) async throws -> CollectResult {
        let vendor = self.vendor.vendor
        let collector = Collector(logger: Self.logger(environment: environment))
        let source: CollectionSource
        do {
            source = try Self.source(vendor: vendor, fromFile: fromFile, environment: environment)
        } catch {
            let secrets = ["NINJA_CLIENT_ID", "NINJA_CLIENT_SECRET", "THREATLOCKER_API_KEY"].compactMap { environment[$0] }
            throw await collector.recordFailure(vendor: vendor, date: snapshot, error: error, secrets: secrets, connection: connection)
        }
        let display = json ? nil : CollectionProgressLine()
        let progress: CollectionProgressHandler? = display.map { line in { @Sendable report in line.show(report) } }
        defer { display?.finish() }
        return try await collector.collect(
            vendor: vendor, date: snapshot, source: source, saveCapture: saveCapture, allowEmpty: allowEmpty,
            connection: connection, progress: progress)
    }

    private func report(_ result: CollectResult) throws {
        if json {
            var document: [String: Any] = [
                "runId": result.runID.uuidString.lowercased(), "vendor": result.vendor.jobName, "date": result.date.description,
                "source": result.source, "devices": result.deviceCount, "events": result.eventCount,
                "seconds": (result.seconds * 1000).rounded() / 1000, "firstSeq": result.firstSeq, "lastSeq": result.lastSeq,
                "rawBytes": result.rawBytes, "storedBytes": result.storedBytes, "jobId": result.jobID,
            ]
            if let saved = result.savedCapture { document["savedCapture"] = saved }
            try Terminal.printJSON(document)
            return
        }
        let devices = result.deviceCount == 1 ? "1 device" : "\(result.deviceCount) devices"
        print("run \(result.runID.uuidString.lowercased()): \(result.vendor.vendorName) \(result.date), \(devices) in \(String(format: "%.2f", result.seconds)) s")
        print("  seq \(result.firstSeq)…\(result.lastSeq), \(result.rawBytes) bytes stored as \(result.storedBytes), job \(result.jobID)")
        if let saved = result.savedCapture { print("  capture saved to \(saved)") }
    }

    /// The capture file when given, else the vendor's API configured from the environment.
    static func source(vendor: Vendor, fromFile: String?, environment: [String: String]) throws -> CollectionSource {
        if let fromFile { return .file(fromFile) }
        return try .api(vendor: vendor, environment: environment)
    }

    /// Log lines go to stderr at `INVENTORY_HUB_LOG_LEVEL` (warning by default: retries and
    /// token refreshes show, routine progress does not).
    static func logger(environment: [String: String]) -> Logger {
        var logger = Logger(label: "inventory-hub.collect") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = environment["INVENTORY_HUB_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        return logger
    }
}

/// The vendor word of `inventory-hub collect`.
enum CollectVendor: String, ExpressibleByArgument, CaseIterable {
    case ninja
    case threatlocker

    var vendor: Vendor {
        switch self {
        case .ninja: .ninja
        case .threatlocker: .threatLocker
        }
    }
}
