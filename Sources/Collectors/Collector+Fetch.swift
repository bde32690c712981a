import InventoryRules
import Vendors

extension Collector {
    /// The capture of `vendor` from `source`: all of its pages over one HTTP client that is
    /// shut down afterwards, or the capture file read whole.
    func fetch(_ vendor: Vendor, from source: CollectionSource, progress: CollectionProgressHandler?) async throws -> VendorCapture {
        switch (vendor, source) {
        case (.ninja, .ninjaOneAPI(let configuration)):
            return .ninjaOne(
                try await VendorHTTPClient.withClient(connectTimeout: connectTimeout, logger: logger) { http in
                    try await NinjaOneClient(configuration: configuration, httpClient: http, logger: logger).fetchCapture(progress: progress)
                })
        case (.threatLocker, .threatLockerAPI(let configuration)):
            return .threatLocker(
                try await VendorHTTPClient.withClient(connectTimeout: connectTimeout, logger: logger) { http in
                    try await ThreatLockerClient(configuration: configuration, httpClient: http, logger: logger).fetchCapture(progress: progress)
                })
        case (_, .file(let path)):
            return try VendorCapture.read(vendor, from: path)
        default:
            throw CollectionRefusal.sourceMismatch(vendor: vendor, source: source.description)
        }
    }
}
