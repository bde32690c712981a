import ArgumentParser
import Collectors
import Foundation
import InventoryHubAPI
import InventoryRules
import Ledger
import Logging
import PostgresClient
import Projections
import VendorSimulators
import Vendors

/// `inventory-hub demo`: the nightly job end to end against loopback vendor simulators.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Collect 90 days from simulated vendors over HTTP, project, report, replay a pruned month and verify.",
        discussion: """
            Starts NinjaOne and ThreatLocker simulators on 127.0.0.1, collects every day through the real HTTP collectors (one day gets a correction run), catches up after each day, then prints the newest day's devices per client, exceptions, month-end billable counts, the newest change log, replays the oldest full month from the ledger alone and verifies the ledger. Re-running reuses the collected history; --fresh starts over.
            """
    )

    @Flag(help: "Erase the database's inventory schema and collect everything again.") var fresh = false
    @Option(help: "Days of history to collect.") var days = 90
    @Option(help: "NinjaOne devices in the simulated fleet.") var ninjaDevices = 320
    @Option(help: "ThreatLocker computers in the simulated fleet.") var threatLockerDevices = 280

    func run() async throws {
        let started = Date()
        let connection = try await DatabaseTarget.resolve().connect()
        if fresh {
            try await connection.withSession { try ReadModelSchema.eraseEverything($0) }
            if let moved = try DigestFolder.retire(DigestFolder.resolve()) { print("demo: the old ledger's digests were moved to \(moved.path)") }
            print("demo: started over (--fresh)")
        }
        try await MigrateCommand.apply(connection)
        let head = try await connection.withSession { try Ledger(session: $0).headSeq() }
        let today = CalendarDate(Date(), in: TimeZone(identifier: ProcessInfo.processInfo.environment["INVENTORY_HUB_TZ"] ?? "America/Chicago") ?? .current)
        let firstDay = today.adding(days: -(days - 1))
        if head == 0 {
            try await collectHistory(connection, firstDay: firstDay)
            // As a technician would: `sites suggest --apply` makes each client's two spellings one.
            let suggestions = try await connection.withSession { try SiteSuggestionQuery().apply($0) }
            for suggestion in suggestions where suggestion.confident {
                print("demo: alias (sites suggest --apply): ThreatLocker \"\(suggestion.threatLocker.name)\" is NinjaOne's \"\(suggestion.canonicalName)\" (\(suggestion.reason.rawValue.replacingOccurrences(of: "_", with: " ")), \(suggestion.matchedDevices) matching devices)")
            }
        } else {
            print("demo: the ledger already holds \(head) events; reusing them (pass --fresh to collect again)")
            _ = try await connection.withSession { try ProjectionEngine(session: $0).catchUp() }
        }
        try await DemoReport(connection: connection).print()
        // The door to the dashboard: a viewer token for this demo database, shown once.
        let token = try await connection.withSession { session -> String in
            try? APITokenStore().revoke(name: "demo-viewer", session)
            return try APITokenStore().create(name: "demo-viewer", role: .viewer, session)
        }
        await connection.close()
        let environment = ProcessInfo.processInfo.environment
        // The DSN itself is never printed: it may hold a password.
        let sameDatabase = environment["DB_DSN"] == nil ? "" : " (with the same DB_DSN)"
        print("\n== the dashboard")
        print("serve it:  inventory-hub serve\(sameDatabase)        (tools/demo --serve does this for you)")
        print("then open: http://127.0.0.1:\(environment["INVENTORY_HUB_HTTP_PORT"] ?? "8080")/ and sign in with the viewer token")
        print("           \(token)")
        print("\ndemo finished in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    private func collectHistory(_ connection: PostgresConnection, firstDay: CalendarDate) async throws {
        let logger = Self.logger()
        let fleet = FleetGenerator(configuration: FleetConfiguration(
            ninjaDeviceCount: ninjaDevices, threatLockerComputerCount: threatLockerDevices, organizationCount: 12,
            firstDay: CivilDate(firstDay.description)!))
        let ninja = try await NinjaOneSimulator.start(fleet: fleet, logger: logger)
        let threatLocker: ThreatLockerSimulator
        do {
            threatLocker = try await ThreatLockerSimulator.start(fleet: fleet, logger: logger)
        } catch {
            await ninja.stop()
            throw error
        }
        // Both simulators are stopped, and waited for, before the report or an error is printed.
        do {
            try await collectHistory(connection, firstDay: firstDay, ninja: ninja, threatLocker: threatLocker, logger: logger)
        } catch {
            await ninja.stop()
            await threatLocker.stop()
            throw error
        }
        await ninja.stop()
        await threatLocker.stop()
    }

    private func collectHistory(
        _ connection: PostgresConnection, firstDay: CalendarDate, ninja: NinjaOneSimulator, threatLocker: ThreatLockerSimulator, logger: Logger
    ) async throws {
        let ninjaSource = CollectionSource.api(NinjaOneConfiguration(
            baseURL: ninja.baseURL, clientID: ninja.configuration.clientID, clientSecret: ninja.configuration.clientSecret, pageSize: 200))
        let threatLockerSource = CollectionSource.api(ThreatLockerConfiguration(
            baseURL: threatLocker.baseURL, apiKey: threatLocker.configuration.apiKey, organizationID: threatLocker.configuration.organizationID))
        let collector = Collector(logger: logger)
        let correctionDay = days / 2
        print("demo: simulators on \(ninja.baseURL) (NinjaOne) and \(threatLocker.baseURL) (ThreatLocker)")
        print("demo: collecting \(days) days (\(firstDay) … \(firstDay.adding(days: days - 1))) of \(ninjaDevices) + \(threatLockerDevices) devices over HTTP")
        var events = 0
        for day in 0..<days {
            let date = firstDay.adding(days: day)
            await ninja.control.setDay(day)
            await threatLocker.control.setDay(day)
            events += try await collector.collect(vendor: .ninja, date: date, source: ninjaSource, connection: connection).eventCount
            events += try await collector.collect(vendor: .threatLocker, date: date, source: threatLockerSource, connection: connection).eventCount
            if day == correctionDay {
                // A correction: the NinjaOne run of this date is collected again; the later run wins.
                events += try await collector.collect(vendor: .ninja, date: date, source: ninjaSource, connection: connection).eventCount
            }
            _ = try await connection.withSession { try ProjectionEngine(session: $0).catchUp() }
            ProgressBar.draw(label: "collect", done: day + 1, total: days)
        }
        ProgressBar.finish()
        print("demo: appended \(events) events; a correction run was collected for \(firstDay.adding(days: correctionDay))")
    }

    /// The demo's collectors and simulators log to stderr at `INVENTORY_HUB_LOG_LEVEL`
    /// (warning by default: retries show, routine requests do not).
    static func logger(environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger {
        var logger = Logger(label: "inventory-hub.demo") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = environment["INVENTORY_HUB_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        return logger
    }
}
