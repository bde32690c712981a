/// Real-world hardware and software an MSP meets, grouped by age so that old machines carry
/// old processors (and fail the Windows 11 checks) while new ones pass.
enum HardwareCatalog {
    struct Processor: Sendable {
        let name: String
        let cores: Int
        let threads: Int
        let clockMHz: Int
        let maxClockMHz: Int
    }

    struct Model: Sendable {
        let manufacturer: String
        let model: String
        let chassis: String
    }

    struct OperatingSystem: Sendable {
        let manufacturer: String
        let name: String
        let buildNumber: String
        let releaseId: String
        let threatLockerName: String
    }

    /// 0 = 2016–2017 (unsupported by Windows 11), 1 = 2018–2020, 2 = 2021 onwards.
    static let workstationProcessors: [[Processor]] = [
        [
            Processor(name: "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz", cores: 4, threads: 8, clockMHz: 3600, maxClockMHz: 3601),
            Processor(name: "Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz", cores: 4, threads: 4, clockMHz: 3200, maxClockMHz: 3192),
            Processor(name: "Intel(R) Core(TM) i5-7300U CPU @ 2.60GHz", cores: 2, threads: 4, clockMHz: 2600, maxClockMHz: 2712),
            Processor(name: "AMD Ryzen 5 1600 Six-Core Processor", cores: 6, threads: 12, clockMHz: 3200, maxClockMHz: 3200),
        ],
        [
            Processor(name: "Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz", cores: 4, threads: 8, clockMHz: 1800, maxClockMHz: 2304),
            Processor(name: "Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz", cores: 6, threads: 6, clockMHz: 3000, maxClockMHz: 3000),
            Processor(name: "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", cores: 4, threads: 8, clockMHz: 1900, maxClockMHz: 2112),
            Processor(name: "AMD Ryzen 5 3600 6-Core Processor", cores: 6, threads: 12, clockMHz: 3600, maxClockMHz: 3593),
            Processor(name: "Intel(R) Core(TM) i5-10500 CPU @ 3.10GHz", cores: 6, threads: 12, clockMHz: 3100, maxClockMHz: 3096),
        ],
        [
            Processor(name: "AMD Ryzen 7 PRO 5850U with Radeon Graphics", cores: 8, threads: 16, clockMHz: 1900, maxClockMHz: 1901),
            Processor(name: "11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz", cores: 4, threads: 8, clockMHz: 3000, maxClockMHz: 2995),
            Processor(name: "12th Gen Intel(R) Core(TM) i5-1245U", cores: 10, threads: 12, clockMHz: 1600, maxClockMHz: 1600),
            Processor(name: "13th Gen Intel(R) Core(TM) i7-13700", cores: 16, threads: 24, clockMHz: 2100, maxClockMHz: 2100),
            Processor(name: "Intel(R) Core(TM) Ultra 7 155U", cores: 12, threads: 14, clockMHz: 1700, maxClockMHz: 1700),
        ],
    ]

    static let serverProcessors: [Processor] = [
        Processor(name: "Intel(R) Xeon(R) Silver 4210R CPU @ 2.40GHz", cores: 10, threads: 20, clockMHz: 2400, maxClockMHz: 2394),
        Processor(name: "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz", cores: 20, threads: 40, clockMHz: 2100, maxClockMHz: 2095),
        Processor(name: "Intel(R) Xeon(R) E-2224 CPU @ 3.40GHz", cores: 4, threads: 4, clockMHz: 3400, maxClockMHz: 3408),
        Processor(name: "Intel(R) Xeon(R) CPU E5-2640 v4 @ 2.40GHz", cores: 10, threads: 20, clockMHz: 2400, maxClockMHz: 2397),
    ]

    static let macProcessors: [Processor] = [
        Processor(name: "Apple M1 Pro", cores: 10, threads: 10, clockMHz: 3228, maxClockMHz: 3228),
        Processor(name: "Apple M2", cores: 8, threads: 8, clockMHz: 3490, maxClockMHz: 3490),
        Processor(name: "Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz", cores: 6, threads: 12, clockMHz: 2600, maxClockMHz: 2600),
    ]

    static func models(for kind: DeviceKind) -> [Model] {
        switch kind {
        case .desktop:
            [
                Model(manufacturer: "Dell Inc.", model: "OptiPlex 7090", chassis: "DESKTOP"),
                Model(manufacturer: "Dell Inc.", model: "OptiPlex 3050", chassis: "DESKTOP"),
                Model(manufacturer: "HP", model: "HP EliteDesk 800 G6 Small Form Factor PC", chassis: "DESKTOP"),
                Model(manufacturer: "LENOVO", model: "11DT0013US", chassis: "DESKTOP"),
            ]
        case .laptop:
            [
                Model(manufacturer: "Dell Inc.", model: "Latitude 5420", chassis: "LAPTOP"),
                Model(manufacturer: "LENOVO", model: "20XW0026US", chassis: "LAPTOP"),
                Model(manufacturer: "HP", model: "HP EliteBook 840 G8 Notebook PC", chassis: "LAPTOP"),
                Model(manufacturer: "Microsoft Corporation", model: "Surface Laptop 4", chassis: "LAPTOP"),
            ]
        case .windowsServer, .vmHost:
            [
                Model(manufacturer: "Dell Inc.", model: "PowerEdge R740", chassis: "SERVER"),
                Model(manufacturer: "HPE", model: "ProLiant DL380 Gen10", chassis: "SERVER"),
                Model(manufacturer: "Dell Inc.", model: "PowerEdge T340", chassis: "SERVER"),
            ]
        case .vmGuest:
            [Model(manufacturer: "VMware, Inc.", model: "VMware7,1", chassis: "UNKNOWN")]
        case .mac:
            [
                Model(manufacturer: "Apple Inc.", model: "MacBookPro18,3", chassis: "LAPTOP"),
                Model(manufacturer: "Apple Inc.", model: "Mac14,2", chassis: "LAPTOP"),
                Model(manufacturer: "Apple Inc.", model: "iMac20,1", chassis: "DESKTOP"),
            ]
        case .linuxServer:
            [Model(manufacturer: "Supermicro", model: "SYS-5019C-M", chassis: "SERVER")]
        }
    }

    static let windows10 = OperatingSystem(
        manufacturer: "Microsoft Corporation", name: "Windows 10 Pro Edition", buildNumber: "19045", releaseId: "22H2",
        threatLockerName: "Windows 10 Pro")
    static let windows11 = [
        OperatingSystem(
            manufacturer: "Microsoft Corporation", name: "Windows 11 Pro Edition", buildNumber: "22631", releaseId: "23H2",
            threatLockerName: "Windows 11 Pro"),
        OperatingSystem(
            manufacturer: "Microsoft Corporation", name: "Windows 11 Pro Edition", buildNumber: "26100", releaseId: "24H2",
            threatLockerName: "Windows 11 Pro"),
        OperatingSystem(
            manufacturer: "Microsoft Corporation", name: "Windows 11 Enterprise Edition", buildNumber: "22631", releaseId: "23H2",
            threatLockerName: "Windows 11 Enterprise"),
    ]
    static let windowsServers = [
        OperatingSystem(
            manufacturer: "Microsoft Corporation", name: "Windows Server 2019 Standard Edition", buildNumber: "17763",
            releaseId: "1809", threatLockerName: "Windows Server 2019 Standard"),
        OperatingSystem(
            manufacturer: "Microsoft Corporation", name: "Windows Server 2022 Standard Edition", buildNumber: "20348",
            releaseId: "21H2", threatLockerName: "Windows Server 2022 Standard"),
        OperatingSystem(
            manufacturer: "Microsoft Corporation", name: "Windows Server 2016 Standard Edition", buildNumber: "14393",
            releaseId: "1607", threatLockerName: "Windows Server 2016 Standard"),
    ]
    static let macOS = [
        OperatingSystem(manufacturer: "Apple Inc.", name: "macOS Sonoma", buildNumber: "23F79", releaseId: "14.5", threatLockerName: "macOS 14.5"),
        OperatingSystem(manufacturer: "Apple Inc.", name: "macOS Sequoia", buildNumber: "24A335", releaseId: "15.0", threatLockerName: "macOS 15.0"),
    ]
    static let esxi = OperatingSystem(
        manufacturer: "VMware, Inc.", name: "VMware ESXi 8.0.2", buildNumber: "22380479", releaseId: "8.0.2", threatLockerName: "")
    static let ubuntu = OperatingSystem(
        manufacturer: "Canonical", name: "Ubuntu 22.04.4 LTS", buildNumber: "5.15.0-105-generic", releaseId: "22.04", threatLockerName: "")

    static let networkAdapters = [
        "Intel(R) Ethernet Connection (7) I219-LM", "Realtek PCIe GbE Family Controller",
        "Intel(R) Wi-Fi 6 AX201 160MHz", "Broadcom NetXtreme Gigabit Ethernet", "vmxnet3 Ethernet Adapter",
    ]
}
