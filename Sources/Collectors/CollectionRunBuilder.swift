import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import Vendors

/// Turns a vendor capture into the ledger run that records it: pure functions, so what a
/// collection appends can be checked without a database or a vendor.
///
/// Every item becomes one `device_observed` event, in capture order, with the envelope of
/// DESIGN §4 around the vendor's raw item and `subject` set by `VendorDeviceKey`, the rule the
/// mappings use too. Nothing is filtered: VMware guests and deleted computers are recorded,
/// because the ledger keeps everything the vendor said and the projections decide what counts.
/// The builders assume items that passed `validate` (the collector checks every capture,
/// from the API or a file, through `VendorCapture.run`); an item without a key would get a
/// nil `subject`.
public enum CollectionRunBuilder {
    /// One event per NinjaOne device, its organization (by `organizationId`), location (by
    /// `locationId`) and custom fields (by device id) alongside, or null when the capture has
    /// none.
    public static func run(
        from capture: NinjaOneCapture, observedOn date: CalendarDate, completion: LedgerRun.Completion, runID: UUID = UUID()
    ) -> LedgerRun {
        let organizations = byID(capture.organizations)
        let locations = byID(capture.locations)
        let events = capture.devices.map { device in
            LedgerEventDraft(
                eventType: LedgerEventType.deviceObserved, vendorID: Vendor.ninja.rawValue, observedOn: date,
                subject: VendorDeviceKey.ninjaOne(device),
                payload: LedgerPayload.ninjaDevice(
                    device: device,
                    organization: device["organizationId"]?.intValue.flatMap { organizations[$0] },
                    location: device["locationId"]?.intValue.flatMap { locations[$0] },
                    customFields: capture.customFields(of: device)))
        }
        return LedgerRun(runID: runID, vendorID: Vendor.ninja.rawValue, observedOn: date, events: events, completion: completion)
    }

    /// One event per ThreatLocker computer, keyed by its `computerId`.
    public static func run(
        from capture: ThreatLockerCapture, observedOn date: CalendarDate, completion: LedgerRun.Completion, runID: UUID = UUID()
    ) -> LedgerRun {
        let events = capture.computers.map { computer in
            LedgerEventDraft(
                eventType: LedgerEventType.deviceObserved, vendorID: Vendor.threatLocker.rawValue, observedOn: date,
                subject: VendorDeviceKey.threatLocker(computer), payload: LedgerPayload.threatLockerComputer(computer))
        }
        return LedgerRun(runID: runID, vendorID: Vendor.threatLocker.rawValue, observedOn: date, events: events, completion: completion)
    }

    /// The completion of a run gathered from `source` (`api` or `file`) between the two
    /// instants, stamped with this collector's version so a replay can tell which code wrote it.
    public static func completion(source: String, startedAt: Date, finishedAt: Date) -> LedgerRun.Completion {
        LedgerRun.Completion(source: source, startedAt: startedAt, finishedAt: finishedAt, collectorVersion: Collector.version)
    }

    /// Items by their integer `id`; the first of duplicated ids wins.
    static func byID(_ items: [JSONValue]) -> [Int: JSONValue] {
        var index: [Int: JSONValue] = [:]
        for item in items {
            guard let id = item["id"]?.intValue, index[id] == nil else { continue }
            index[id] = item
        }
        return index
    }
}
