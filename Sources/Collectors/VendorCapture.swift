import Foundation
import InventoryRules
import Ledger
import PostgresClient
import Vendors

/// One vendor's capture, whichever the vendor: what a collect fetched or read, before it
/// becomes a ledger run.
public enum VendorCapture: Sendable, Equatable {
    /// Devices, organizations, locations and custom fields.
    case ninjaOne(NinjaOneCapture)
    /// Computers.
    case threatLocker(ThreatLockerCapture)

    /// The vendor the capture belongs to.
    public var vendor: Vendor {
        switch self {
        case .ninjaOne: .ninja
        case .threatLocker: .threatLocker
        }
    }

    /// Devices (NinjaOne) or computers (ThreatLocker): the number of `device_observed` events.
    public var deviceCount: Int {
        switch self {
        case .ninjaOne(let capture): capture.devices.count
        case .threatLocker(let capture): capture.computers.count
        }
    }

    /// Writes the capture file that `--from-file` reads back.
    public func write(to path: String) throws(CaptureFileError) {
        switch self {
        case .ninjaOne(let capture): try capture.write(to: path)
        case .threatLocker(let capture): try capture.write(to: path)
        }
    }

    /// Reads a capture file of `vendor`'s format.
    public static func read(_ vendor: Vendor, from path: String) throws(CaptureFileError) -> VendorCapture {
        switch vendor {
        case .ninja: .ninjaOne(try NinjaOneCapture.read(from: path))
        case .threatLocker: .threatLocker(try ThreatLockerCapture.read(from: path))
        }
    }

    /// Throws for the first item that cannot become a `device_observed` event (see
    /// `CollectionRunBuilder.validate`). An API result and a capture file both pass here.
    public func validate() throws(UnusableCaptureItem) {
        switch self {
        case .ninjaOne(let capture): try CollectionRunBuilder.validate(capture)
        case .threatLocker(let capture): try CollectionRunBuilder.validate(capture)
        }
    }

    /// The ledger run recording this capture (see `CollectionRunBuilder`), once every item has
    /// passed `validate()`: no run is built from a capture with an unusable item.
    public func run(observedOn date: CalendarDate, completion: LedgerRun.Completion, runID: UUID = UUID()) throws(UnusableCaptureItem) -> LedgerRun {
        try validate()
        switch self {
        case .ninjaOne(let capture): return CollectionRunBuilder.run(from: capture, observedOn: date, completion: completion, runID: runID)
        case .threatLocker(let capture): return CollectionRunBuilder.run(from: capture, observedOn: date, completion: completion, runID: runID)
        }
    }
}
