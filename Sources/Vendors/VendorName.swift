/// The two vendors the hub collects from; errors and progress reports name one of them so an
/// operator knows which nightly job to look at.
public enum VendorName: String, Sendable, Hashable, CustomStringConvertible {
    case ninjaOne = "NinjaOne"
    case threatLocker = "ThreatLocker"

    public var description: String { rawValue }
}
