import ArgumentParser
import Foundation
import PostgresClient

/// `inventory-hub`: the event-sourced inventory ledger's command line.
public struct InventoryHubCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inventory-hub",
        abstract: "Event-sourced device inventory for an MSP: collect, project, replay, verify.",
        discussion: """
            Collectors append immutable device_observed events to a hash-chained, LZ4-compressed ledger in PostgreSQL; projectors derive every read model from it.

            Database: DB_DSN (libpq URI or conninfo). When DB_DSN is unset, a private PostgreSQL cluster under INVENTORY_HUB_HOME (default ~/.local/share/inventory-hub) is created and started on first use.
            """,
        subcommands: [
            DatabaseCommand.self, MigrateCommand.self, CollectCommand.self, ProjectCommand.self, ReplayCommand.self,
            ExceptionsCommand.self, VerifyCommand.self, DemoCommand.self, ServeCommand.self, TokensCommand.self, SitesCommand.self, LedgerCommand.self,
            ReportCommand.self,
        ]
    )

    public init() {}
}

/// The executable's entry point, so `main.swift` needs no argument-parser import.
public enum InventoryHubMain {
    /// A database error prints the server's sentence (`PostgresError.reason`): on the
    /// operator's own terminal that is what says what to fix; its `description` stays generic
    /// for the HTTP API and shared logs.
    public static func run() async {
        DigestFolder.configureLedgerDigests()
        do {
            var command = try InventoryHubCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as PostgresError {
            FileHandle.standardError.write(Data("Error: \(error.reason)\n".utf8))
            InventoryHubCommand.exit(withError: ExitCode.failure)
        } catch {
            InventoryHubCommand.exit(withError: error)
        }
    }
}
