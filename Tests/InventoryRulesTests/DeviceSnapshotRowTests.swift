import Foundation
import InventoryRules
import Testing

@Suite("A snapshot row is a value")
struct DeviceSnapshotRowTests {
    static func row() -> DeviceSnapshotRow {
        var row = DeviceSnapshotRow(vendor: .ninja, vendorDeviceKey: "WS-01", deviceType: .workstation, billingStatus: .billable)
        row.hostname = "ws-01.corp.local"
        row.matchKeys = [CanonicalKey("WS-01-OLD")!]
        row.osName = "Windows 11 Pro"
        row.memoryGiB = Decimal(1588) / 100
        row.storageVolumes = [StorageVolume(name: "C:", capacityBytes: 512_000_000_000)]
        return row
    }

    @Test("changing a copy leaves the original as it was, and the keys follow their own row")
    func copiesAreIndependent() {
        let original = Self.row()
        var copy = original
        copy.hostname = "ws-02"
        copy.osName = nil
        copy.matchKeys = []
        #expect(original.hostname == "ws-01.corp.local" && original.osName == "Windows 11 Pro")
        #expect(original.canonicalKey == CanonicalKey("ws-01.corp.local"))
        #expect(original.allMatchKeys == [CanonicalKey("WS-01-OLD")!, CanonicalKey("ws-01.corp.local")!])
        #expect(copy.canonicalKey == CanonicalKey("ws-02") && copy.allMatchKeys == [CanonicalKey("ws-02")!])
        #expect(copy != original)
    }

    @Test("rows built apart with the same values are equal, hash alike, and are one member of a set")
    func equalityByValue() {
        let first = Self.row()
        let second = Self.row()
        var changedBack = Self.row()
        changedBack.displayName = "Reception"
        changedBack.displayName = nil
        #expect(first == second && first == changedBack)
        #expect(Set([first, second, changedBack]).count == 1)
        var other = Self.row()
        other.denyCount1d = 0
        #expect(Set([first, other]).count == 2)
    }
}
