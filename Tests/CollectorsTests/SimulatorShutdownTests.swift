import Collectors
import InventoryRules
import Testing
import TestSupport
import VendorSimulators

/// Stopping the simulators is a graceful shutdown: a normal stop logs nothing at error level,
/// so the demo's output shows only what went wrong.
@Suite("Simulator shutdown")
struct SimulatorShutdownTests {
    static func errorLines(_ logs: LogRecorder) -> [String] {
        logs.recorded.filter { $0.hasPrefix("error ") || $0.hasPrefix("critical ") }
    }

    @Test("simulators that served a collection stop without logging an error")
    func afterCollection() async throws {
        let logs = try await CollectorBench.with("simulatorstop") { bench in
            _ = try await bench.collect(.ninja)
            _ = try await bench.collect(.threatLocker)
            return bench.logs
        }
        #expect(!logs.recorded.isEmpty)
        #expect(Self.errorLines(logs).isEmpty, "\(Self.errorLines(logs))")
    }

    @Test("simulators stopped before any request, and stopped twice, log no error")
    func idle() async throws {
        let logs = LogRecorder()
        let ninja = try await NinjaOneSimulator.start(fleet: CollectorBench.smallFleet, logger: logs.logger(label: "ninja-simulator"))
        let threatLocker = try await ThreatLockerSimulator.start(fleet: CollectorBench.smallFleet, logger: logs.logger(label: "tl-simulator"))
        await ninja.stop()
        await threatLocker.stop()
        await ninja.stop()
        #expect(Self.errorLines(logs).isEmpty, "\(Self.errorLines(logs))")
    }
}
