import Foundation
import HTTPTypes
import Hummingbird
import UnixSignals
import InventoryJSON
import Logging
import NIOCore
import PostgresClient

/// `inventory-hub serve`: the API (and the dashboard) on one Hummingbird server. Runs until
/// SIGTERM or SIGINT, then stops accepting requests, lets running ones finish, ends the
/// background jobs and closes the connection pool.
public struct APIServer: Sendable {
    public var host: String
    public var port: Int
    public let services: APIServices
    public let logger: Logger

    public init(host: String, port: Int, services: APIServices, logger: Logger) {
        self.host = host
        self.port = port
        self.services = services
        self.logger = logger
    }

    /// Serves until a shutdown signal; `onRunning` receives the bound port (the given one, or
    /// the one the system picked for port 0).
    public func run(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint], onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = APIRouter.make(services: services, accessLogger: logger)
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "inventory-hub"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        do {
            try await application.runService(gracefulShutdownSignals: gracefulShutdownSignals)
        } catch {
            await services.jobs.cancelAll()
            await services.closePools()
            throw error
        }
        await services.jobs.cancelAll()
        await services.closePools()
    }
}
