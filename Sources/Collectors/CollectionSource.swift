import Vendors

/// Where a collection's devices come from: a vendor's API, or a capture file written earlier
/// by `--save-capture` (or exported by another tool). The source is recorded in the run's
/// `collection_completed` event, so an auditor can tell live collections from re-imports.
public enum CollectionSource: Sendable, CustomStringConvertible {
    /// NinjaOne's public API, every page of it.
    case ninjaOneAPI(NinjaOneConfiguration)
    /// ThreatLocker's portal API, every page of it.
    case threatLockerAPI(ThreatLockerConfiguration)
    /// A capture file in the format of the run's vendor.
    case file(String)

    /// NinjaOne's API with this configuration.
    public static func api(_ configuration: NinjaOneConfiguration) -> CollectionSource { .ninjaOneAPI(configuration) }

    /// ThreatLocker's API with this configuration.
    public static func api(_ configuration: ThreatLockerConfiguration) -> CollectionSource { .threatLockerAPI(configuration) }

    /// `api` or `file`, the `source` of `collection_completed`.
    public var origin: String {
        switch self {
        case .ninjaOneAPI, .threatLockerAPI: "api"
        case .file: "file"
        }
    }

    /// The credentials this source carries, which no message may show.
    public var secrets: [String] {
        switch self {
        case .ninjaOneAPI(let configuration): configuration.secrets
        case .threatLockerAPI(let configuration): configuration.secrets
        case .file: []
        }
    }

    /// `the NinjaOne API at https://…` or `capture file /path`, never with credentials.
    public var description: String {
        switch self {
        case .ninjaOneAPI(let configuration): "the NinjaOne API at \(configuration.baseURL)"
        case .threatLockerAPI(let configuration): "the ThreatLocker API at \(configuration.baseURL)"
        case .file(let path): "capture file \(path)"
        }
    }
}
