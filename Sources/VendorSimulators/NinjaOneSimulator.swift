import Hummingbird
import Logging

/// A loopback NinjaOne: the OAuth token endpoint, `devices-detailed`, organizations, locations
/// and custom fields over real HTTP on 127.0.0.1, serving a `FleetGenerator`'s fleet for the
/// day set on `control`.
///
/// ```swift
/// let ninja = try await NinjaOneSimulator.start(fleet: FleetGenerator(), logger: logger)
/// await ninja.control.inject(.serverError(503, on: .devices, page: 3, times: nil))
/// // point a client at ninja.baseURL with ninja.configuration's credentials
/// await ninja.stop()
/// ```
public final class NinjaOneSimulator: Sendable {
    /// The credentials the simulator accepts and how long its tokens live.
    public struct Configuration: Sendable {
        /// The only client id the token endpoint accepts.
        public var clientID: String
        /// The only client secret the token endpoint accepts.
        public var clientSecret: String
        /// `expires_in` of issued tokens; after it they are refused with 401.
        public var tokenLifetime: Duration
        /// The simulated day served first.
        public var day: Int

        /// Credentials for tests and the demo, one-hour tokens, day 0.
        public init(
            clientID: String = "simulated-ninja-client", clientSecret: String = "simulated-ninja-secret",
            tokenLifetime: Duration = .seconds(3600), day: Int = 0
        ) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.tokenLifetime = tokenLifetime
            self.day = day
        }
    }

    /// The credentials and token lifetime in force.
    public let configuration: Configuration
    /// Day, faults, request log.
    public let control: SimulatorControl
    /// `http://127.0.0.1:<port>`, the value for `NINJA_BASE_URL`.
    public let baseURL: String
    /// The ephemeral port bound on 127.0.0.1.
    public let port: Int
    private let server: LoopbackServer

    private init(configuration: Configuration, control: SimulatorControl, server: LoopbackServer) {
        self.configuration = configuration
        self.control = control
        self.server = server
        port = server.port
        baseURL = "http://127.0.0.1:\(server.port)"
    }

    /// Binds an ephemeral port on 127.0.0.1 and starts serving.
    public static func start(
        fleet generator: FleetGenerator, configuration: Configuration = Configuration(), logger: Logger
    ) async throws -> NinjaOneSimulator {
        let control = SimulatorControl(generator: generator, day: configuration.day)
        _ = await control.fleet()
        let responder = NinjaOneResponder(control: control, configuration: configuration)
        let server = try await LoopbackServer.start(responder: responder, name: "NinjaOne", logger: logger)
        return NinjaOneSimulator(configuration: configuration, control: control, server: server)
    }

    /// Stops the server and waits for it to close.
    public func stop() async { await server.stop() }
}
