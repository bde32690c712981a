/// What sort of machine a seat holds, which decides its NinjaOne node class, its hostname
/// pattern, its hardware and whether a ThreatLocker agent can run on it.
enum DeviceKind: CaseIterable, Sendable, Hashable {
    case desktop, laptop, windowsServer, mac, vmGuest, vmHost, linuxServer

    var nodeClass: String {
        switch self {
        case .desktop, .laptop: "WINDOWS_WORKSTATION"
        case .windowsServer: "WINDOWS_SERVER"
        case .mac: "MAC"
        case .vmGuest: "VMWARE_VM_GUEST"
        case .vmHost: "VMWARE_VM_HOST"
        case .linuxServer: "LINUX_SERVER"
        }
    }

    /// Relative share of an MSP fleet.
    var weight: Double {
        switch self {
        case .desktop: 44
        case .laptop: 34
        case .windowsServer: 7
        case .mac: 6
        case .vmGuest: 5
        case .vmHost: 2
        case .linuxServer: 2
        }
    }

    /// ThreatLocker has agents for Windows and macOS only; ESXi hosts cannot run one, and a
    /// VMware guest record is vCenter's view of a VM whose agent, if any, reports separately.
    var canRunThreatLocker: Bool {
        switch self {
        case .desktop, .laptop, .windowsServer, .mac: true
        case .vmGuest, .vmHost, .linuxServer: false
        }
    }

    var isWindows: Bool {
        switch self {
        case .desktop, .laptop, .windowsServer, .vmGuest: true
        case .mac, .vmHost, .linuxServer: false
        }
    }

    var isServer: Bool { self == .windowsServer || self == .vmHost || self == .linuxServer || self == .vmGuest }

    /// Spares are workstations on the shelf.
    var canBeSpare: Bool { self == .desktop || self == .laptop }

    var threatLockerGroup: String {
        switch self {
        case .desktop, .laptop: "Workstations"
        case .windowsServer, .vmGuest: "Servers"
        case .mac: "Mac Computers"
        case .vmHost, .linuxServer: "Servers"
        }
    }
}
