import Hummingbird
import Logging

/// A loopback ThreatLocker portal API serving a `FleetGenerator`'s computers for the day set
/// on `control`, over real HTTP on 127.0.0.1.
///
/// ```swift
/// let threatLocker = try await ThreatLockerSimulator.start(fleet: FleetGenerator(), logger: logger)
/// await threatLocker.control.inject(.rateLimited(retryAfterSeconds: 1, on: .computers, page: 2))
/// await threatLocker.stop()
/// ```
public final class ThreatLockerSimulator: Sendable {
    /// The API key and parent organization the simulator accepts.
    public struct Configuration: Sendable {
        /// The only `Authorization` value accepted.
        public var apiKey: String
        /// The only `managedOrganizationId` value accepted.
        public var organizationID: String
        /// The simulated day served first.
        public var day: Int

        /// Credentials for tests and the demo, day 0.
        public init(
            apiKey: String = "simulated-threatlocker-api-key",
            organizationID: String = "6f1c2a9e-0b7d-4e53-9a41-2d8c5e7f3b10", day: Int = 0
        ) {
            self.apiKey = apiKey
            self.organizationID = organizationID
            self.day = day
        }
    }

    /// The credentials in force.
    public let configuration: Configuration
    /// Day, faults, request log.
    public let control: SimulatorControl
    /// `http://127.0.0.1:<port>`, the value for `THREATLOCKER_API_BASE_URL`.
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
    ) async throws -> ThreatLockerSimulator {
        let control = SimulatorControl(generator: generator, day: configuration.day)
        _ = await control.fleet()
        let responder = ThreatLockerResponder(control: control, configuration: configuration)
        let server = try await LoopbackServer.start(responder: responder, name: "ThreatLocker", logger: logger)
        return ThreatLockerSimulator(configuration: configuration, control: control, server: server)
    }

    /// Stops the server and waits for it to close.
    public func stop() async { await server.stop() }
}
