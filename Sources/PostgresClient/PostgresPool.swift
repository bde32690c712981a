import Logging
import Synchronization

/// A small pool of connections for a server: callers lease one for the length of a closure
/// (`withConnection`), and it returns to the pool when the closure ends, also when it throws or
/// its task is cancelled. A connection that was lost or left inside a transaction is closed
/// instead of returned, so the next caller never inherits a broken session.
public final class PostgresPool: Sendable {
    public let conninfo: String
    public let maximumConnections: Int
    private let logger: Logger

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<PostgresConnection, any Error>
    }

    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var waiters: [Waiter] = []
        var nextWaiter = 0
        var closed = false
    }

    private let state = Mutex(State())

    public init(conninfo: String, maximumConnections: Int = 8, logger: Logger) {
        self.conninfo = conninfo
        self.maximumConnections = max(1, maximumConnections)
        self.logger = logger
    }

    /// Runs `body` with a leased connection.
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await lease()
        do {
            let value = try await body(connection)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs `body` on a leased connection's session, off the cooperative pool.
    public func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await withConnection { try await $0.withSession(body) }
    }

    /// Closes every idle connection and refuses new leases; leased ones close when released.
    public func close() async {
        let (idle, waiters) = state.withLock { state in
            state.closed = true
            defer {
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        for waiter in waiters { waiter.continuation.resume(throwing: PostgresError(kind: .connection, message: "the connection pool is closed")) }
        for connection in idle { await connection.close() }
    }

    private enum Lease {
        case ready(PostgresConnection)
        case open
        case wait
    }

    private func lease() async throws -> PostgresConnection {
        try Task.checkCancellation()
        let decision: Lease = try state.withLock { state in
            if state.closed { throw PostgresError(kind: .connection, message: "the connection pool is closed") }
            if let connection = state.idle.popLast() { return .ready(connection) }
            if state.open < maximumConnections {
                state.open += 1
                return .open
            }
            return .wait
        }
        switch decision {
        case .ready(let connection):
            return connection
        case .open:
            do {
                return try await PostgresConnection.connect(conninfo, label: "inventory-hub.pool")
            } catch {
                connectionGone()
                throw error
            }
        case .wait:
            let id = state.withLock { state in
                state.nextWaiter += 1
                return state.nextWaiter
            }
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let enqueued = state.withLock { state in
                        if Task.isCancelled || state.closed { return false }
                        if let connection = state.idle.popLast() {
                            continuation.resume(returning: connection)
                            return true
                        }
                        state.waiters.append(Waiter(id: id, continuation: continuation))
                        return true
                    }
                    if !enqueued { continuation.resume(throwing: CancellationError()) }
                }
            } onCancel: {
                let waiter = state.withLock { state -> Waiter? in
                    guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return state.waiters.remove(at: index)
                }
                waiter?.continuation.resume(throwing: CancellationError())
            }
        }
    }

    private func release(_ connection: PostgresConnection) async {
        guard await connection.isUsable() else {
            logger.warning("closing a pooled database connection that was lost or left in a transaction")
            await connection.close()
            connectionGone()
            return
        }
        let (waiter, keep) = state.withLock { state -> (Waiter?, Bool) in
            if state.closed {
                state.open -= 1
                return (nil, false)
            }
            if !state.waiters.isEmpty { return (state.waiters.removeFirst(), true) }
            state.idle.append(connection)
            return (nil, true)
        }
        if let waiter {
            waiter.continuation.resume(returning: connection)
        } else if !keep {
            await connection.close()
        }
    }

    /// A slot freed by a failed connect or a closed connection: a waiter may open a new one.
    private func connectionGone() {
        let waiter = state.withLock { state -> Waiter? in
            state.open -= 1
            guard !state.waiters.isEmpty else { return nil }
            state.open += 1
            return state.waiters.removeFirst()
        }
        guard let waiter else { return }
        Task {
            do {
                waiter.continuation.resume(returning: try await PostgresConnection.connect(conninfo, label: "inventory-hub.pool"))
            } catch {
                connectionGone()
                waiter.continuation.resume(throwing: error)
            }
        }
    }
}
