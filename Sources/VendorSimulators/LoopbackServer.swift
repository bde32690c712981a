import Hummingbird
import Logging
import NIOCore

/// A Hummingbird server on 127.0.0.1 and an ephemeral port, started and stopped from async
/// code (tests, the CLI demo) without signal handling.
final class LoopbackServer: Sendable {
    let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Starts serving and returns once the port is bound; throws when binding fails.
    static func start<Responder: HTTPResponder>(responder: Responder, name: String, logger: Logger) async throws -> LoopbackServer
    where Responder.Context == BasicRequestContext {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: name),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await application.runService(gracefulShutdownSignals: [])
        }
        for await port in ports where port > 0 {
            return LoopbackServer(port: port, task: task)
        }
        task.cancel()
        try await task.value
        throw LoopbackServerError(name: name)
    }

    /// Stops accepting connections and waits until the server has shut down.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// The server stopped before it reported a bound port.
struct LoopbackServerError: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) simulator stopped before binding a port on 127.0.0.1" }
}
