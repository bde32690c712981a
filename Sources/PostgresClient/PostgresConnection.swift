import CLibPQ
import Dispatch
import Logging
import Synchronization

/// A connection usable from async code. Each call runs on the connection's own serial queue,
/// so libpq's blocking calls never occupy the two threads of the cooperative pool, and the
/// `PGconn` is only ever touched by one thread at a time.
///
/// Cancelling the task that awaits a call cancels the statement it runs (libpq's `PQcancel`
/// from the cancelling thread), or skips it when it has not started yet.
public final class PostgresConnection: Sendable {
    private let queue: DispatchQueue
    private let box: SessionBox
    private let canceller: QueryCanceller

    /// `@unchecked Sendable`: the session inside is only used on `queue`, which is serial.
    private final class SessionBox: @unchecked Sendable {
        var session: PostgresSession?
        init(_ session: PostgresSession) { self.session = session }
    }

    private init(session: PostgresSession, queue: DispatchQueue) {
        self.box = SessionBox(session)
        self.queue = queue
        self.canceller = QueryCanceller(session.handle)
    }

    /// Connects with a libpq URI or conninfo string.
    public static func connect(_ conninfo: String, label: String = "inventory-hub.postgres") async throws -> PostgresConnection {
        let queue = DispatchQueue(label: label)
        let session = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<SessionBox, any Error>) in
            queue.async {
                do { continuation.resume(returning: SessionBox(try PostgresSession(conninfo: conninfo))) } catch { continuation.resume(throwing: error) }
            }
        }
        return PostgresConnection(session: session.session!, queue: queue)
    }

    /// Runs `body` with exclusive use of the session, off the cooperative thread pool. When the
    /// calling task is cancelled, the running statement is cancelled on the server and `body`
    /// fails with the server's "canceling statement" error (SQLSTATE 57014), or with
    /// `CancellationError` when it had not started.
    public func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let box = self.box
        let canceller = self.canceller
        let ticket = canceller.begin()
        defer { canceller.end(ticket) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    guard let session = box.session else {
                        continuation.resume(throwing: PostgresError(kind: .connection, message: "the connection is closed"))
                        return
                    }
                    guard canceller.start(ticket) else {
                        continuation.resume(throwing: CancellationError())
                        return
                    }
                    let result = Result { try body(session) }
                    canceller.end(ticket)
                    continuation.resume(with: result)
                }
            }
        } onCancel: {
            canceller.cancel(ticket)
        }
    }

    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withSession { try $0.query(query) }
    }

    public func execute(_ sql: String) async throws {
        try await withSession { try $0.execute(sql) }
    }

    /// Whether the connection is still usable (a lost server makes it fail).
    /// Not cancellable: a pool asks it when a cancelled task returns its connection.
    public func isUsable() async -> Bool {
        let box = self.box
        return await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: box.session.map { $0.isConnected && !$0.isInTransaction && $0.isIdle } ?? false)
            }
        }
    }

    /// Closes the connection; later calls fail with a clear error.
    public func close() async {
        let box = self.box
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                box.session = nil
                continuation.resume()
            }
        }
    }
}

/// libpq's cancel handle of one connection, and which call (ticket) is current, so a
/// cancellation reaches only the statement of the task that was cancelled.
///
/// `@unchecked Sendable`: `PQcancel` is documented as safe to call from any thread while
/// another thread uses the connection; the handle is freed only in `deinit`, and the ticket
/// state is guarded by a mutex.
private final class QueryCanceller: @unchecked Sendable {
    private let handle: OpaquePointer?
    private struct State {
        var nextTicket = 0
        var cancelled: Set<Int> = []
        var running: Int?
    }
    private let state = Mutex(State())

    init(_ connection: OpaquePointer) { handle = PQgetCancel(connection) }

    deinit { if let handle { PQfreeCancel(handle) } }

    func begin() -> Int {
        state.withLock { state in
            state.nextTicket += 1
            return state.nextTicket
        }
    }

    /// Marks `ticket` as running; false when it was cancelled before it started.
    func start(_ ticket: Int) -> Bool {
        state.withLock { state in
            if state.cancelled.contains(ticket) { return false }
            state.running = ticket
            return true
        }
    }

    func end(_ ticket: Int) {
        state.withLock { state in
            state.cancelled.remove(ticket)
            if state.running == ticket { state.running = nil }
        }
    }

    func cancel(_ ticket: Int) {
        let isRunning = state.withLock { state in
            state.cancelled.insert(ticket)
            return state.running == ticket
        }
        guard isRunning, let handle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(handle, &buffer, Int32(buffer.count))
    }
}
