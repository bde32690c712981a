import Foundation
import InventoryRules
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InventoryHubAPI
import InventoryJSON
import Ledger
import Logging
import NIOCore
import PostgresClient
import Projections
import TestSupport

/// A database with a small fleet's history, caught up, a token per role, and the API's router:
/// every API test starts from one of these.
struct APITestbed: Sendable {
    let database: TestDatabase
    let fleet: FleetLedger
    let tokens: [APIRole: String]
    let services: APIServices

    static let logger: Logger = {
        var logger = Logger(label: "inventory-hub.api-test")
        logger.logLevel = .critical
        return logger
    }()

    /// `days` of both vendors, caught up.
    static func make(_ name: String, days: Int = 12) throws -> APITestbed {
        let database = try TestDatabase.create(name)
        let session = try database.session()
        let ledger = Ledger(session: session)
        let fleet = FleetLedger(ninja: 40, threatLocker: 35, organizations: 5)
        for day in 0..<days {
            try ledger.append(fleet.ninjaRun(day: day))
            try ledger.append(fleet.threatLockerRun(day: day))
        }
        _ = try ProjectionEngine(session: session).catchUp()
        var tokens: [APIRole: String] = [:]
        for role in APIRole.allCases { tokens[role] = try APITokenStore().create(name: "test-\(role.rawValue)", role: role, session) }
        let pool = PostgresPool(conninfo: database.conninfo, maximumConnections: 4, logger: logger)
        let auditFolder = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-hub-test-audit-\(database.name)")
        try? FileManager.default.removeItem(at: auditFolder)
        return APITestbed(
            database: database, fleet: fleet, tokens: tokens, services: APIServices(pool: pool, logger: logger, auditFolder: auditFolder))
    }

    func application() -> some ApplicationProtocol {
        Application(router: APIRouter.make(services: services, accessLogger: Self.logger), logger: Self.logger)
    }

    func headers(_ role: APIRole?) -> HTTPFields {
        guard let role, let token = tokens[role] else { return [:] }
        return [.authorization: "Bearer \(token)"]
    }

    /// Runs `body` with a client of the router (no sockets).
    func withClient(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await application().test(.router, body)
    }

    func close() async {
        await services.jobs.cancelAll()
        await services.pool.close()
        try? FileManager.default.removeItem(at: services.auditFolder)
        database.drop()
    }
}

extension TestResponse {
    var json: JSONValue? { try? JSONParser.parse(Array(body.readableBytesView)) }
    var text: String { String(buffer: body) }
}
