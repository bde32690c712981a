import Dispatch
import Logging

/// A connection usable from async code. Each call runs on the connection's own serial queue,
/// so libpq's blocking calls never occupy the two threads of the cooperative pool, and the
/// `PGconn` is only ever touched by one thread at a time.
public final class PostgresConnection: Sendable {
    private let queue: DispatchQueue
    private let box: SessionBox

    /// `@unchecked Sendable`: the session inside is only used on `queue`, which is serial.
    private final class SessionBox: @unchecked Sendable {
        var session: PostgresSession?
        init(_ session: PostgresSession) { self.session = session }
    }

    private init(session: PostgresSession, queue: DispatchQueue) {
        self.box = SessionBox(session)
        self.queue = queue
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

    /// Runs `body` with exclusive use of the session, off the cooperative thread pool.
    public func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let box = self.box
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                guard let session = box.session else {
                    continuation.resume(throwing: PostgresError(kind: .connection, message: "the connection is closed"))
                    return
                }
                do { continuation.resume(returning: try body(session)) } catch { continuation.resume(throwing: error) }
            }
        }
    }

    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withSession { try $0.query(query) }
    }

    public func execute(_ sql: String) async throws {
        try await withSession { try $0.execute(sql) }
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
