import InventoryJSON

/// One `change_log` row for a vendor and date (the projector adds those two columns).
public struct ChangeLogEntry: Sendable, Hashable {
    public var metric: ChangeMetric
    public var prevValue: Int
    public var newValue: Int
    /// Always `newValue - prevValue`.
    public var delta: Int
    public var details: JSONValue

    public init(metric: ChangeMetric, prevValue: Int, newValue: Int, details: JSONValue = .object([:])) {
        self.metric = metric
        self.prevValue = prevValue
        self.newValue = newValue
        self.delta = newValue - prevValue
        self.details = details
    }
}
