import Foundation

/// Per-phase timings of a projection batch on stderr when `INVENTORY_HUB_PROFILE=1`: how an
/// operator (or the benchmark's profile) sees where a slow catch-up spends its time.
struct PhaseTimer {
    static let enabled = ProcessInfo.processInfo.environment["INVENTORY_HUB_PROFILE"] == "1"
    private var last = Date()

    mutating func lap(_ phase: @autoclosure () -> String) {
        guard Self.enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "profile %-28@ %8.3f s\n", phase() as NSString, now.timeIntervalSince(last)).utf8))
        last = now
    }
}
