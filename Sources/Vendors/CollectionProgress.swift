/// How far a collection has got, reported after every page (and every custom-field request)
/// so the command line can show progress on long runs.
public struct CollectionProgress: Sendable, Hashable {
    public enum Stage: String, Sendable, Hashable {
        case organizations, locations, devices, customFields, computers
    }

    public let vendor: VendorName
    public let stage: Stage
    /// Pages received in this stage (custom-field requests for `customFields`).
    public let pagesFetched: Int
    /// Items received so far in this stage.
    public let itemsFetched: Int
    /// The total the stage will reach, when known (`totalRows`, the number of devices).
    public let expectedItems: Int?

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
