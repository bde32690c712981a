import InventoryRules
import Testing

@Suite("Windows 11 supported processors")
struct Windows11ProcessorTests {
    @Test("supported processors", arguments: [
        "Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz",
        "AMD Ryzen 5 3600 6-Core Processor",
        "AMD Ryzen 7 PRO 5850U with Radeon Graphics",
        "Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz",
        "Intel(R) Core(TM) i5-1135G7 @ 2.40GHz",
        "12th Gen Intel(R) Core(TM) i7-12700K",
        "13th Gen Intel(R) Core(TM) i5-1335U",
        "Intel(R) Core(TM) i9-14900K",
        "Intel(R) Core(TM) m3-8100Y CPU @ 1.10GHz",
        "Intel(R) Core(TM) Ultra 7 155H",
        "Intel(R) Core(TM) 7 150U",
        "Intel(R) N100",
        "Intel(R) Core(TM) i3-N305",
        "Intel(R) Xeon(R) E-2176M CPU @ 2.70GHz",
        "Intel(R) Xeon(R) W-1250 CPU @ 3.30GHz",
        "Intel(R) Xeon(R) W-2223 CPU @ 3.60GHz",
        "Intel(R) Xeon(R) w5-2445",
        "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz",
        "AMD Ryzen 3 2200G with Radeon Vega Graphics",
        "AMD Ryzen 5 PRO 2500U w/ Radeon Vega Mobile Gfx",
        "AMD Ryzen Threadripper 2950X 16-Core Processor",
        "AMD Ryzen 9 7950X3D 16-Core Processor",
        "AMD Ryzen AI 9 HX 370 w/ Radeon 890M",
        "AMD Ryzen Z1 Extreme",
        "AMD Athlon Silver 3050U with Radeon Graphics",
        "AMD EPYC 7452 32-Core Processor",
        "Snapdragon(R) X Elite - X1E78100 - Qualcomm(R) Oryon(TM) CPU",
        "Microsoft SQ2 @ 3.15 GHz",
    ])
    func supported(model: String) {
        #expect(Windows11Processor.support(for: model) == .supported)
    }

    @Test("unsupported processors", arguments: [
        "Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz",
        "Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz",
        "Intel(R) Core(TM) m3-7Y30 CPU @ 1.00GHz",
        "Intel(R) Core(TM) i7 CPU 920 @ 2.67GHz",
        "Intel(R) Core(TM)2 Duo CPU E8400 @ 3.00GHz",
        "Intel(R) Celeron(R) CPU N3350 @ 1.10GHz",
        "Intel(R) Pentium(R) CPU G4560 @ 3.50GHz",
        "Intel(R) Xeon(R) CPU E5-2690 v4 @ 2.60GHz",
        "Intel(R) Xeon(R) CPU E3-1230 v5 @ 3.40GHz",
        "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz",
        "Intel(R) Xeon(R) W-2123 CPU @ 3.60GHz",
        "AMD Ryzen 7 1700 Eight-Core Processor",
        "AMD Ryzen 5 1600X Six-Core Processor",
        "AMD FX(tm)-8350 Eight-Core Processor",
        "AMD A10-9700 RADEON R7, 10 COMPUTE CORES 4C+6G",
        "AMD EPYC 7551 32-Core Processor",
        "Common KVM processor",
        "QEMU Virtual CPU version 2.5+",
    ])
    func unsupported(model: String) {
        #expect(Windows11Processor.support(for: model) == .unsupported)
    }

    @Test("a missing processor is unknown", arguments: [nil, "", "   "] as [String?])
    func unknown(model: String?) {
        #expect(Windows11Processor.support(for: model) == .unknown)
    }
}
