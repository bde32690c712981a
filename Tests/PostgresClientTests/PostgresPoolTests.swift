import Foundation
import Logging
import PostgresClient
import TestSupport
import Testing

@Suite("The connection pool and cancellation", .serialized)
struct PostgresPoolTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase.shared("postgrespool") }

    static let logger: Logger = {
        var logger = Logger(label: "inventory-hub.pool-test")
        logger.logLevel = .critical
        return logger
    }()

    struct Expected: Error {}

    @Test("a lease is returned when its body throws, and a transaction left open closes the connection instead")
    func leasesAlwaysReturn() async throws {
        let pool = PostgresPool(conninfo: database.conninfo, maximumConnections: 1, logger: Self.logger)
        let first = try await pool.withConnection { try await $0.query("SELECT pg_backend_pid()")[0].decode(Int.self, 0) }
        await #expect(throws: Expected.self) { try await pool.withConnection { _ in throw Expected() } }
        // With one connection, this would wait forever had the throwing lease not been returned.
        let again = try await pool.withConnection { try await $0.query("SELECT pg_backend_pid()")[0].decode(Int.self, 0) }
        #expect(again == first, "the same connection came back to the pool")
        try await pool.withConnection { connection in try await connection.execute("BEGIN") }
        let afterOpenTransaction = try await pool.withConnection { try await $0.query("SELECT pg_backend_pid()")[0].decode(Int.self, 0) }
        #expect(afterOpenTransaction != first, "a connection left inside a transaction is not handed out again")
        await pool.close()
    }

    @Test("cancelling the task cancels the running statement on the server")
    func cancellation() async throws {
        let pool = PostgresPool(conninfo: database.conninfo, maximumConnections: 2, logger: Self.logger)
        let started = ContinuousClock.now
        let task = Task { try await pool.withConnection { try await $0.query("SELECT pg_sleep(60)") } }
        // Cancel once the statement runs (seen from another connection), not after a guessed delay.
        let monitor = try database.session()
        var running = false
        for _ in 0..<6_000 where !running {
            running = try monitor.query("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(60)' AND state = 'active'
                """)[0].decode(Int.self, 0) == 1
            if !running { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(running)
        task.cancel()
        let result = await task.result
        let error = try #require(result.failure as? PostgresError)
        #expect(error.isQueryCanceled)
        #expect(ContinuousClock.now - started < .seconds(55), "the sleep did not run to its end")
        #expect(error.description == "the database reported an error (SQLSTATE 57014)", "the description says nothing of the statement")
        #expect(error.debugDescription.contains("pg_sleep"), "the SQL is for the server log")
        // The connection is usable again afterwards.
        #expect(try await pool.withConnection { try await $0.query("SELECT 1")[0].decode(Int.self, 0) } == 1)
        await pool.close()
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
