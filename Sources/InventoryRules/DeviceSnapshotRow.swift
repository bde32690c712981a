import Foundation

/// One device as a vendor reported it on one snapshot date: the `device_snapshot` columns that
/// come from the payload, plus the identity, site, class and match keys the projections need.
///
/// A plain value with mutable fields, so the mappings, the projectors and tests build rows the
/// same way; every rule in this module is a function of these values alone.
public struct DeviceSnapshotRow: Sendable, Hashable {
    // MARK: Identity and classification
    public var vendor: Vendor
    /// `device_identity.vendor_device_key`: NinjaOne `systemName`, ThreatLocker `computerId`.
    public var vendorDeviceKey: String
    /// `site.vendor_site_key`: the vendor's organization id as text.
    public var siteKey: String?
    /// `site.name`: the vendor's organization name.
    public var siteName: String?
    /// `device_snapshot.device_type_id`, by code.
    public var deviceType: DeviceType
    /// `device_snapshot.billing_status_id`, by code.
    public var billingStatus: BillingStatus
    /// Every key the device may be matched on across vendors (see `NinjaOneMapping` and
    /// `ThreatLockerMapping`). The rules also always use `canonicalKey`.
    public var matchKeys: Set<CanonicalKey> { didSet { refreshKeys() } }

    // MARK: Core columns
    public var hostname: String? { didSet { refreshKeys() } }
    public var osName: String?
    public var organizationName: String?
    public var displayName: String?
    /// NinjaOne `offline` as `online` / `offline`.
    public var deviceStatus: String?

    // MARK: NinjaOne columns
    public var locationName: String?
    /// NinjaOne's raw `nodeClass` (e.g. `WINDOWS_WORKSTATION`), kept for reports finer than `deviceType`.
    public var deviceTypeName: String?
    /// `billingStatus` code for NinjaOne rows; nil for ThreatLocker, which has no billing basis.
    public var billableStatusName: String?
    public var lastOnline: Date?
    public var agentInstallTimestamp: Date?

    // MARK: ThreatLocker columns
    public var organizationId: String?
    public var computerGroup: String?
    public var securityMode: String?
    public var denyCount1d: Int?
    public var denyCount3d: Int?
    public var denyCount7d: Int?
    public var installDate: Date?
    public var isLockedOut: Bool?
    public var isIsolated: Bool?
    public var agentVersion: String?
    public var hasCheckedIn: Bool?

    // MARK: Hardware columns (NinjaOne)
    public var hasTPM: Bool?
    public var tpmEnabled: Bool?
    public var tpmVersion: String?
    public var secureBootAvailable: Bool?
    public var secureBootEnabled: Bool?
    public var osArchitecture: String?
    public var cpuModel: String?
    public var systemManufacturer: String?
    public var systemModel: String?
    /// `memory_gib`, NUMERIC(10,2): bytes / 2^30 rounded to two places.
    public var memoryGiB: Decimal?
    /// The volumes behind the `volumes` text.
    public var storageVolumes: [StorageVolume]
    public var osBuild: String?
    public var osReleaseId: String?

    // MARK: Windows 11 24H2 assessment
    public var windows11_24H2Capable: Bool?
    /// Canonical JSON array of the failed or unknown requirements (see `Windows11Assessment`).
    public var windows11_24H2Deficiencies: String?

    /// A row with only its identity; every column starts nil (unknown), as for a vendor that
    /// does not report it.
    public init(
        vendor: Vendor,
        vendorDeviceKey: String,
        deviceType: DeviceType = .unknown,
        billingStatus: BillingStatus = .unknown
    ) {
        self.vendor = vendor
        self.vendorDeviceKey = vendorDeviceKey
        self.deviceType = deviceType
        self.billingStatus = billingStatus
        self.matchKeys = []
        self.storageVolumes = []
        self.canonicalKey = nil
        self.allMatchKeys = []
    }

    /// The device's primary key across vendors: the canonical key of its `hostname` column.
    /// Exceptions are filed under it. Stored (kept current by `hostname`'s observer) because
    /// the exception rules consult it many times per device.
    public private(set) var canonicalKey: CanonicalKey?

    /// `matchKeys` plus the canonical key, which always counts as a match key.
    public private(set) var allMatchKeys: Set<CanonicalKey>

    private mutating func refreshKeys() {
        canonicalKey = CanonicalKey(hostname)
        allMatchKeys = canonicalKey.map { matchKeys.union([$0]) } ?? matchKeys
    }
}

extension DeviceSnapshotRow {
    /// `volumes` column text, derived from `storageVolumes` so the two never disagree
    /// (format documented on `StorageVolume.text(_:)`).
    public var volumes: String? { StorageVolume.text(storageVolumes) }

    /// The key a finding about this device is filed under: the canonical key, or for a device
    /// without a hostname its smallest match key, so it still gets reported.
    var findingKey: CanonicalKey? { canonicalKey ?? matchKeys.min() }
}
