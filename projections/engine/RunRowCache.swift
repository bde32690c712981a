import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient

/// Decodes the device events of a run into snapshot rows once, for every projection of a batch.
/// Rows are deduplicated by vendor device key (the first event of a key wins), which is what
/// `device_snapshot`'s unique (date, vendor, identity) constraint requires.
final class RunRowCache {
    private let session: PostgresSession
    private var rowsByRun: [UUID: [DeviceSnapshotRow]] = [:]
    private(set) var decodedEvents = 0

    init(session: PostgresSession) { self.session = session }

    func rows(of run: EffectiveRun) throws -> [DeviceSnapshotRow] {
        if let cached = rowsByRun[run.runID] { return cached }
        var rows: [DeviceSnapshotRow] = []
        var seen = Set<String>()
        try Ledger(session: session).forEachEvent(
            filter: LedgerFilter(eventTypes: [LedgerEventType.deviceObserved], runID: run.runID)
        ) { event in
            decodedEvents += 1
            let payload: JSONValue
            do {
                payload = try JSONParser.parse(event.payload)
            } catch {
                throw LedgerError.corruptEvent(seq: event.seq, reason: "payload is not JSON: \(error)")
            }
            let row = run.vendorID == Vendor.ninja.rawValue ? NinjaOneMapping.row(from: payload) : ThreatLockerMapping.row(from: payload)
            if let row, seen.insert(row.vendorDeviceKey).inserted { rows.append(row) }
        }
        rowsByRun[run.runID] = rows
        return rows
    }

    /// Forgets decoded runs, keeping memory bounded between batches.
    func reset() { rowsByRun.removeAll(keepingCapacity: true) }
}
