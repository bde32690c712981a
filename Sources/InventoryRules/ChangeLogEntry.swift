import InventoryJSON

/// One `change_log` row for a vendor and date (the projector adds those two columns).
public struct ChangeLogEntry: Sendable, Hashable {
    public var metric: ChangeMetric
    /// The metric on the previous snapshot date for counts (0 on a vendor's first date);
    /// always 0 for movements, which have no earlier value (see `ChangeMetrics`).
    public var prevValue: Int
    /// The metric on this date; for movements the number of devices that moved.
    public var newValue: Int
    /// Always `newValue - prevValue`.
    public var delta: Int
    /// `change_log.details`: the devices or sites behind the number.
    public var details: JSONValue

    /// `delta` is computed, so it can never disagree with the two values.
    public init(metric: ChangeMetric, prevValue: Int, newValue: Int, details: JSONValue = .object([:])) {
        self.metric = metric
        self.prevValue = prevValue
        self.newValue = newValue
        self.delta = newValue - prevValue
        self.details = details
    }
}
