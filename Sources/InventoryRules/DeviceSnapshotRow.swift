import Foundation

/// One device as a vendor reported it on one snapshot date: the `device_snapshot` columns that
/// come from the payload, plus the identity, site, class and match keys the projections need.
///
/// A plain value with mutable fields, so the mappings, the projectors and tests build rows the
/// same way; every rule in this module is a function of these values alone. The fields live in
/// one copy-on-write box (see Storage), so a copy of a row costs one reference.
public struct DeviceSnapshotRow: @unchecked Sendable, Hashable {
    // MARK: Identity and classification
    public var vendor: Vendor {
        get { box.header.vendor }
        set { withUniqueFields { $0.vendor = newValue } }
    }
    /// `device_identity.vendor_device_key`: NinjaOne `systemName`, ThreatLocker `computerId`.
    public var vendorDeviceKey: String {
        get { box.header.vendorDeviceKey }
        set { withUniqueFields { $0.vendorDeviceKey = newValue } }
    }
    /// `site.vendor_site_key`: the vendor's organization id as text.
    public var siteKey: String? {
        get { box.header.siteKey }
        set { withUniqueFields { $0.siteKey = newValue } }
    }
    /// `site.name`: the vendor's organization name.
    public var siteName: String? {
        get { box.header.siteName }
        set { withUniqueFields { $0.siteName = newValue } }
    }
    /// `device_snapshot.device_type_id`, by code.
    public var deviceType: DeviceType {
        get { box.header.deviceType }
        set { withUniqueFields { $0.deviceType = newValue } }
    }
    /// `device_snapshot.billing_status_id`, by code.
    public var billingStatus: BillingStatus {
        get { box.header.billingStatus }
        set { withUniqueFields { $0.billingStatus = newValue } }
    }
    /// Every key the device may be matched on across vendors (see `NinjaOneMapping` and
    /// `ThreatLockerMapping`). The rules also always use `canonicalKey`.
    public var matchKeys: Set<CanonicalKey> {
        get { box.header.matchKeys }
        set { withUniqueFields { $0.matchKeys = newValue; $0.refreshKeys() } }
    }

    // MARK: Core columns
    public var hostname: String? {
        get { box.header.hostname }
        set { withUniqueFields { $0.hostname = newValue; $0.refreshKeys() } }
    }
    public var osName: String? {
        get { box.header.osName }
        set { withUniqueFields { $0.osName = newValue } }
    }
    public var organizationName: String? {
        get { box.header.organizationName }
        set { withUniqueFields { $0.organizationName = newValue } }
    }
    public var displayName: String? {
        get { box.header.displayName }
        set { withUniqueFields { $0.displayName = newValue } }
    }
    /// NinjaOne `offline` as `online` / `offline`.
    public var deviceStatus: String? {
        get { box.header.deviceStatus }
        set { withUniqueFields { $0.deviceStatus = newValue } }
    }

    // MARK: NinjaOne columns
    public var locationName: String? {
        get { box.header.locationName }
        set { withUniqueFields { $0.locationName = newValue } }
    }
    /// NinjaOne's raw `nodeClass` (e.g. `WINDOWS_WORKSTATION`), kept for reports finer than `deviceType`.
    public var deviceTypeName: String? {
        get { box.header.deviceTypeName }
        set { withUniqueFields { $0.deviceTypeName = newValue } }
    }
    /// `billingStatus` code for NinjaOne rows; nil for ThreatLocker, which has no billing basis.
    public var billableStatusName: String? {
        get { box.header.billableStatusName }
        set { withUniqueFields { $0.billableStatusName = newValue } }
    }
    public var lastOnline: Date? {
        get { box.header.lastOnline }
        set { withUniqueFields { $0.lastOnline = newValue } }
    }
    public var agentInstallTimestamp: Date? {
        get { box.header.agentInstallTimestamp }
        set { withUniqueFields { $0.agentInstallTimestamp = newValue } }
    }

    // MARK: ThreatLocker columns
    public var organizationId: String? {
        get { box.header.organizationId }
        set { withUniqueFields { $0.organizationId = newValue } }
    }
    public var computerGroup: String? {
        get { box.header.computerGroup }
        set { withUniqueFields { $0.computerGroup = newValue } }
    }
    public var securityMode: String? {
        get { box.header.securityMode }
        set { withUniqueFields { $0.securityMode = newValue } }
    }
    public var denyCount1d: Int? {
        get { box.header.denyCount1d }
        set { withUniqueFields { $0.denyCount1d = newValue } }
    }
    public var denyCount3d: Int? {
        get { box.header.denyCount3d }
        set { withUniqueFields { $0.denyCount3d = newValue } }
    }
    public var denyCount7d: Int? {
        get { box.header.denyCount7d }
        set { withUniqueFields { $0.denyCount7d = newValue } }
    }
    public var installDate: Date? {
        get { box.header.installDate }
        set { withUniqueFields { $0.installDate = newValue } }
    }
    public var isLockedOut: Bool? {
        get { box.header.isLockedOut }
        set { withUniqueFields { $0.isLockedOut = newValue } }
    }
    public var isIsolated: Bool? {
        get { box.header.isIsolated }
        set { withUniqueFields { $0.isIsolated = newValue } }
    }
    public var agentVersion: String? {
        get { box.header.agentVersion }
        set { withUniqueFields { $0.agentVersion = newValue } }
    }
    public var hasCheckedIn: Bool? {
        get { box.header.hasCheckedIn }
        set { withUniqueFields { $0.hasCheckedIn = newValue } }
    }

    // MARK: Hardware columns (NinjaOne)
    public var hasTPM: Bool? {
        get { box.header.hasTPM }
        set { withUniqueFields { $0.hasTPM = newValue } }
    }
    public var tpmEnabled: Bool? {
        get { box.header.tpmEnabled }
        set { withUniqueFields { $0.tpmEnabled = newValue } }
    }
    public var tpmVersion: String? {
        get { box.header.tpmVersion }
        set { withUniqueFields { $0.tpmVersion = newValue } }
    }
    public var secureBootAvailable: Bool? {
        get { box.header.secureBootAvailable }
        set { withUniqueFields { $0.secureBootAvailable = newValue } }
    }
    public var secureBootEnabled: Bool? {
        get { box.header.secureBootEnabled }
        set { withUniqueFields { $0.secureBootEnabled = newValue } }
    }
    public var osArchitecture: String? {
        get { box.header.osArchitecture }
        set { withUniqueFields { $0.osArchitecture = newValue } }
    }
    public var cpuModel: String? {
        get { box.header.cpuModel }
        set { withUniqueFields { $0.cpuModel = newValue } }
    }
    public var systemManufacturer: String? {
        get { box.header.systemManufacturer }
        set { withUniqueFields { $0.systemManufacturer = newValue } }
    }
    public var systemModel: String? {
        get { box.header.systemModel }
        set { withUniqueFields { $0.systemModel = newValue } }
    }
    /// `memory_gib`, NUMERIC(10,2): bytes / 2^30 rounded to two places.
    public var memoryGiB: Decimal? {
        get { box.header.memoryGiB }
        set { withUniqueFields { $0.memoryGiB = newValue } }
    }
    /// The volumes behind the `volumes` text.
    public var storageVolumes: [StorageVolume] {
        get { box.header.storageVolumes }
        set { withUniqueFields { $0.storageVolumes = newValue } }
    }
    public var osBuild: String? {
        get { box.header.osBuild }
        set { withUniqueFields { $0.osBuild = newValue } }
    }
    public var osReleaseId: String? {
        get { box.header.osReleaseId }
        set { withUniqueFields { $0.osReleaseId = newValue } }
    }

    // MARK: Windows 11 24H2 assessment
    public var windows11_24H2Capable: Bool? {
        get { box.header.windows11_24H2Capable }
        set { withUniqueFields { $0.windows11_24H2Capable = newValue } }
    }
    /// Canonical JSON array of the failed or unknown requirements (see `Windows11Assessment`).
    public var windows11_24H2Deficiencies: String? {
        get { box.header.windows11_24H2Deficiencies }
        set { withUniqueFields { $0.windows11_24H2Deficiencies = newValue } }
    }

    /// A row with only its identity; every column starts nil (unknown), as for a vendor that
    /// does not report it.
    public init(
        vendor: Vendor,
        vendorDeviceKey: String,
        deviceType: DeviceType = .unknown,
        billingStatus: BillingStatus = .unknown
    ) {
        box = Box.make(Fields(vendor: vendor, vendorDeviceKey: vendorDeviceKey, deviceType: deviceType, billingStatus: billingStatus))
    }

    /// The device's primary key across vendors: the canonical key of its `hostname` column.
    /// Exceptions are filed under it. Stored (kept current when `hostname` or `matchKeys` is
    /// set) because the exception rules consult it many times per device.
    public var canonicalKey: CanonicalKey? { box.header.canonicalKey }

    /// `matchKeys` plus the canonical key, which always counts as a match key.
    public var allMatchKeys: Set<CanonicalKey> { box.header.allMatchKeys }

    // MARK: Storage

    /// The stored values of a row, kept in one shared box: copying a row (into a cache, a set,
    /// a finding's details) retains one reference instead of one per string, and a change to a
    /// row whose box another row shares copies the box first, so rows stay plain values.
    private struct Fields: Hashable {
        var vendor: Vendor
        var vendorDeviceKey: String
        var siteKey: String?
        var siteName: String?
        var deviceType: DeviceType
        var billingStatus: BillingStatus
        var matchKeys: Set<CanonicalKey> = []
        var hostname: String?
        var osName: String?
        var organizationName: String?
        var displayName: String?
        var deviceStatus: String?
        var locationName: String?
        var deviceTypeName: String?
        var billableStatusName: String?
        var lastOnline: Date?
        var agentInstallTimestamp: Date?
        var organizationId: String?
        var computerGroup: String?
        var securityMode: String?
        var denyCount1d: Int?
        var denyCount3d: Int?
        var denyCount7d: Int?
        var installDate: Date?
        var isLockedOut: Bool?
        var isIsolated: Bool?
        var agentVersion: String?
        var hasCheckedIn: Bool?
        var hasTPM: Bool?
        var tpmEnabled: Bool?
        var tpmVersion: String?
        var secureBootAvailable: Bool?
        var secureBootEnabled: Bool?
        var osArchitecture: String?
        var cpuModel: String?
        var systemManufacturer: String?
        var systemModel: String?
        var memoryGiB: Decimal?
        var storageVolumes: [StorageVolume] = []
        var osBuild: String?
        var osReleaseId: String?
        var windows11_24H2Capable: Bool?
        var windows11_24H2Deficiencies: String?
        var canonicalKey: CanonicalKey?
        var allMatchKeys: Set<CanonicalKey> = []

        init(vendor: Vendor, vendorDeviceKey: String, deviceType: DeviceType, billingStatus: BillingStatus) {
            self.vendor = vendor
            self.vendorDeviceKey = vendorDeviceKey
            self.deviceType = deviceType
            self.billingStatus = billingStatus
        }

        mutating func refreshKeys() {
            canonicalKey = CanonicalKey(hostname)
            allMatchKeys = canonicalKey.map { matchKeys.union([$0]) } ?? matchKeys
        }
    }

    /// One allocation holding the fields; read and written through its header's address. A box
    /// is changed only while one row alone holds it (`withUniqueFields`), which is what makes
    /// the row `@unchecked Sendable`: a box shared between threads is only ever read.
    private final class Box: ManagedBuffer<Fields, Never> {
        static func make(_ fields: Fields) -> Box {
            unsafeDowncast(Box.create(minimumCapacity: 0) { _ in fields }, to: Box.self)
        }
    }

    private var box: Box

    private mutating func withUniqueFields(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box.make(box.header) }
        change(&box.header)
    }

    public static func == (lhs: DeviceSnapshotRow, rhs: DeviceSnapshotRow) -> Bool {
        lhs.box === rhs.box || lhs.box.header == rhs.box.header
    }

    public func hash(into hasher: inout Hasher) { box.header.hash(into: &hasher) }
}

extension DeviceSnapshotRow {
    /// `volumes` column text, derived from `storageVolumes` so the two never disagree
    /// (format documented on `StorageVolume.text(_:)`).
    public var volumes: String? { StorageVolume.text(storageVolumes) }

    /// The key a finding about this device is filed under: the canonical key, or for a device
    /// without a hostname its smallest match key, so it still gets reported.
    var findingKey: CanonicalKey? { canonicalKey ?? matchKeys.min() }
}
