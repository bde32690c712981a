/// The hardware and software of one machine (one generation of a seat). Older machines carry
/// older processors, less memory and TPM 1.2, as in a real fleet where a Windows 11 audit
/// finds a tail of unsupported devices; replacements are always current hardware.
struct MachineProfile: Sendable {
    let model: HardwareCatalog.Model
    let processor: HardwareCatalog.Processor
    let processorCount: Int
    let memoryGiB: Int
    let diskBytes: Int
    let hasDataDisk: Bool
    let os: HardwareCatalog.OperatingSystem
    let osArchitecture: String
    let tpmVersion: String?
    let tpmEnabled: Bool
    let secureBootAvailable: Bool
    let secureBootEnabled: Bool
    let serialNumber: String
    let macAddress: String
    let networkAdapter: String
    let privateIP: String
    let threatLockerVersion: String
    let uid: String
    let threatLockerComputerID: String

    init(seat: DeviceSeat, generation: Int, seed: UInt64) {
        var random = StableRandom(seed, 0xB0, seat.population.rawValue, UInt64(seat.index), UInt64(generation))
        let era = generation > 0 ? 2 : random.pick(weighted: [(0, 0.22), (1, 0.45), (2, 0.33)])
        let kind = seat.kind
        model = random.pick(HardwareCatalog.models(for: kind))
        switch kind {
        case .desktop, .laptop:
            processor = random.pick(HardwareCatalog.workstationProcessors[era])
            memoryGiB = random.pick([[4, 8, 8, 16], [8, 8, 16, 16], [16, 16, 32]][era])
            diskBytes = random.pick([[62_495_903_744, 127_357_939_712, 255_369_203_712], [255_369_203_712, 511_101_108_224], [511_101_108_224, 1_023_302_987_776]][era])
            os = era == 0 && random.chance(0.85) || era == 1 && random.chance(0.5) ? HardwareCatalog.windows10 : random.pick(HardwareCatalog.windows11)
        case .windowsServer, .vmHost, .linuxServer:
            processor = random.pick(HardwareCatalog.serverProcessors)
            memoryGiB = random.pick([32, 64, 128, 256])
            diskBytes = random.pick([479_555_555_328, 959_656_755_200, 1_919_850_381_312])
            os = kind == .vmHost ? HardwareCatalog.esxi : (kind == .linuxServer ? HardwareCatalog.ubuntu : random.pick(HardwareCatalog.windowsServers))
        case .vmGuest:
            processor = random.pick(HardwareCatalog.serverProcessors)
            memoryGiB = random.pick([8, 16, 32])
            diskBytes = random.pick([107_374_182_400, 214_748_364_800])
            os = random.pick(HardwareCatalog.windowsServers)
        case .mac:
            processor = random.pick(HardwareCatalog.macProcessors)
            memoryGiB = random.pick([8, 16, 32])
            diskBytes = random.pick([494_384_795_648, 994_662_584_320])
            os = random.pick(HardwareCatalog.macOS)
        }
        osArchitecture = era == 0 && kind.canBeSpare && random.chance(0.03) ? "32-bit" : "64-bit"
        processorCount = kind == .windowsServer || kind == .vmHost ? random.pick([1, 2]) : 1
        hasDataDisk = kind == .windowsServer || kind == .vmHost
        if kind.isWindows {
            let tpmRoll = random.unit()
            tpmVersion = era == 0 ? (tpmRoll < 0.5 ? "2.0" : (tpmRoll < 0.8 ? "1.2" : nil)) : (tpmRoll < 0.97 ? "2.0" : nil)
            tpmEnabled = tpmVersion != nil && random.chance(era == 0 ? 0.8 : 0.95)
            secureBootAvailable = era > 0 || random.chance(0.7)
            secureBootEnabled = secureBootAvailable && random.chance(era == 2 ? 0.9 : 0.6)
        } else {
            tpmVersion = nil
            tpmEnabled = false
            secureBootAvailable = false
            secureBootEnabled = false
        }
        serialNumber = model.manufacturer == "Dell Inc." ? random.hex(7) : random.hex(10)
        macAddress = (0..<6).map { _ in random.hex(2) }.joined(separator: ":")
        networkAdapter = kind == .vmGuest ? "vmxnet3 Ethernet Adapter" : random.pick(HardwareCatalog.networkAdapters.dropLast().map { $0 })
        privateIP = "10.\(random.int(in: 10...60)).\(random.int(in: 1...20)).\(random.int(in: 20...250))"
        threatLockerVersion = random.pick(["9.4.3", "9.6.2", "9.7.1", "9.8.0"])
        uid = random.uuid()
        threatLockerComputerID = random.uuid()
    }
}
