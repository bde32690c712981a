import ArgumentParser
import Foundation
import InventoryHubAPI
import Logging
import PostgresClient

/// `inventory-hub serve`: the HTTP API on one port until SIGTERM or Ctrl-C.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (/api/…) over the read models and the ledger.",
        discussion: """
            Every route but GET /api/health needs an API token (inventory-hub tokens create) sent as 'Authorization: Bearer TOKEN'. Roles: viewer reads everything, technician also resolves exceptions and manages site aliases, admin also starts collections and verification. GET /api/openapi.json describes every route.

            One access log line per request (method, path, status, milliseconds) goes to stderr; tokens never appear in it. SIGTERM or Ctrl-C stops the server after the requests in progress.

            Environment: INVENTORY_HUB_HTTP_HOST (default 127.0.0.1), INVENTORY_HUB_HTTP_PORT (default 8080), DB_DSN (unset: the embedded cluster), INVENTORY_HUB_LOG_LEVEL (default info).
            """
    )

    @Option(help: "Address to listen on (INVENTORY_HUB_HTTP_HOST; default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (INVENTORY_HUB_HTTP_PORT; default 8080; 0 picks a free one).") var port: Int?
    @Option(name: .customLong("connections"), help: "Database connections of the server's pool.") var connections = 8

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        guard (1...64).contains(connections) else { throw ValidationError("--connections must be from 1 to 64") }
    }

    /// `INVENTORY_HUB_AUDIT_DIR`, else `<INVENTORY_HUB_HOME>/audit-packs` (the home of the
    /// embedded cluster's rule), else a folder under the temporary directory.
    static func auditFolder(_ environment: [String: String]) -> URL {
        (try? HomeFolder.resolve(variable: "INVENTORY_HUB_AUDIT_DIR", subfolder: "audit-packs", environment: environment))
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("inventory-hub-audit-packs")
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let host = self.host ?? environment["INVENTORY_HUB_HTTP_HOST"] ?? "127.0.0.1"
        let port = try self.port ?? Self.port(environment["INVENTORY_HUB_HTTP_PORT"])
        var logger = Logger(label: "inventory-hub.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = environment["INVENTORY_HUB_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        let digestLogger = logger
        DigestFolder.configureLedgerDigests(environment: environment, warn: { digestLogger.warning("\($0)") })
        let target = try DatabaseTarget.resolve(environment: environment)
        let setup = try await target.connect()
        try await MigrateCommand.apply(setup)
        await setup.close()
        let pool = PostgresPool(conninfo: target.conninfo, maximumConnections: connections, logger: logger)
        // GET routes of the API read from a replica when DB_READ_DSN names one.
        let reader = try DatabaseTarget.resolve(.read, environment: environment)
        let readPool = reader.conninfo == target.conninfo ? nil : PostgresPool(conninfo: reader.conninfo, maximumConnections: connections, logger: logger)
        let services = APIServices(
            pool: pool, logger: logger, environment: environment, auditFolder: Self.auditFolder(environment), readPool: readPool)
        let server = APIServer(host: host, port: port, services: services, logger: logger)
        let announcer = logger
        try await server.run { bound in
            announcer.notice("inventory-hub serving http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/api/ (Ctrl-C stops)")
        }
    }

    static func port(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 8080 }
        guard let port = Int(text), (0...65535).contains(port) else {
            throw ValidationError("INVENTORY_HUB_HTTP_PORT must be a port number, not '\(text)'")
        }
        return port
    }
}
