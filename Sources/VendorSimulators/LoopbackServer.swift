import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A Hummingbird server on 127.0.0.1 and an ephemeral port, started and stopped from async
/// code (tests, the CLI demo) without signal handling.
///
/// Stopping is a graceful shutdown of the server's service group: the listener closes, idle
/// connections are closed and requests in flight finish. Cancelling the serving task instead
/// would make Hummingbird log the interrupted accept loop and the second close as errors,
/// although nothing went wrong.
final class LoopbackServer: Sendable {
    /// How long `stop()` lets requests in flight finish before cancelling them.
    static let maximumGracefulShutdown = Duration.seconds(10)

    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
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
        var configuration = ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [], logger: logger)
        // A request that never finishes must not keep `stop()` waiting: it is cancelled then.
        configuration.maximumGracefulShutdownDuration = Self.maximumGracefulShutdown
        let group = ServiceGroup(configuration: configuration)
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        for await port in ports where port > 0 {
            return LoopbackServer(port: port, group: group, task: task)
        }
        await group.triggerGracefulShutdown()
        try await task.value
        throw LoopbackServerError(name: name)
    }

    /// Stops accepting connections, lets requests in flight finish and waits until the server
    /// has shut down. Calling it again is harmless.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// The server stopped before it reported a bound port.
struct LoopbackServerError: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) simulator stopped before binding a port on 127.0.0.1" }
}
