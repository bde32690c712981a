import InventoryRules
import Vendors

extension Vendor {
    /// `job_runs.job_name` of this vendor's collection, as the original system's dashboards
    /// read it, and the vendor word of `inventory-hub collect`.
    public var jobName: String {
        switch self {
        case .ninja: "ninja"
        case .threatLocker: "threatlocker"
        }
    }

    /// The vendor as the clients name it in errors and progress reports.
    public var vendorName: VendorName {
        switch self {
        case .ninja: .ninjaOne
        case .threatLocker: .threatLocker
        }
    }

    /// The vendor whose `jobName` is `jobName`; nil for any other word.
    public init?(jobName: String) {
        guard let vendor = Vendor.allCases.first(where: { $0.jobName == jobName }) else { return nil }
        self = vendor
    }
}
