import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient

/// Whether a vendor's data is current: its last run is at most `staleAfterHours` old (a
/// nightly collection that did not run turns it stale the next day). A pure rule, shared by
/// the API and the dashboard.
public struct Freshness: Sendable, Hashable {
    public enum State: String, Sendable {
        case fresh, stale, never
    }

    public var state: State
    public var hoursSinceLastRun: Double?

    public static let staleAfterHours = 36.0

    public init(lastRun: Date?, now: Date) {
        guard let lastRun else {
            self.init(state: .never, hoursSinceLastRun: nil)
            return
        }
        let hours = max(0, now.timeIntervalSince(lastRun) / 3600)
        self.init(state: hours > Self.staleAfterHours ? .stale : .fresh, hoursSinceLastRun: (hours * 10).rounded() / 10)
    }

    init(state: State, hoursSinceLastRun: Double?) {
        self.state = state
        self.hoursSinceLastRun = hoursSinceLastRun
    }
}
