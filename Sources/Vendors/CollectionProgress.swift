/// How far a collection has got, reported after every page (and every custom-field request)
/// so the command line can show progress on long runs.
public struct CollectionProgress: Sendable, Hashable {
    /// The part of a collection being fetched, in the order clients fetch them.
    public enum Stage: String, Sendable, Hashable {
        case organizations, locations, devices, customFields, computers
    }

    /// The vendor being collected.
    public let vendor: VendorName
    /// What is being fetched now.
    public let stage: Stage
    /// Pages received in this stage (custom-field requests for `customFields`).
    public let pagesFetched: Int
    /// Items received so far in this stage.
    public let itemsFetched: Int
    /// The total the stage will reach, when known (`totalRows`, the number of devices).
    public let expectedItems: Int?

    /// A report; `expectedItems` is nil while the total is unknown.
    public init(vendor: VendorName, stage: Stage, pagesFetched: Int, itemsFetched: Int, expectedItems: Int? = nil) {
        self.vendor = vendor
        self.stage = stage
        self.pagesFetched = pagesFetched
        self.itemsFetched = itemsFetched
        self.expectedItems = expectedItems
    }
}

/// Receives progress reports; called from the collecting task, so it must be quick.
public typealias CollectionProgressHandler = @Sendable (CollectionProgress) -> Void
