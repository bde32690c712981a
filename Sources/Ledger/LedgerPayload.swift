import Foundation
import InventoryJSON

/// The payload envelopes of DESIGN §4, as canonical JSON. Vendor items are kept whole (every
/// field the vendor sent), so a mapping fix can be replayed over history.
public enum LedgerPayload {
    public static func ninjaDevice(device: JSONValue, organization: JSONValue?, location: JSONValue?, customFields: JSONValue?) -> [UInt8] {
        CanonicalJSONWriter.bytes([
            "device": device,
            "organization": organization ?? .null,
            "location": location ?? .null,
            "customFields": customFields ?? .null,
        ])
    }

    public static func threatLockerComputer(_ computer: JSONValue) -> [UInt8] {
        CanonicalJSONWriter.bytes(["computer": computer])
    }

    /// Names the episode it resolves by (type, key, date found), which no rebuild changes.
    public static func exceptionResolved(type: String, key: String, dateFound: String, resolvedBy: String, note: String?) -> [UInt8] {
        CanonicalJSONWriter.bytes([
            "type": .string(type),
            "key": .string(key),
            "dateFound": .string(dateFound),
            "resolvedBy": .string(resolvedBy),
            "note": JSONValue(note),
        ])
    }

    static func collectionCompleted(
        vendorID: Int?, completion: LedgerRun.Completion, deviceCount: Int, runPayloadSHA256: [UInt8]
    ) -> [UInt8] {
        CanonicalJSONWriter.bytes([
            "vendorId": vendorID.map { JSONValue($0) } ?? .null,
            "source": .string(completion.source),
            "startedAt": .string(iso8601(completion.startedAt)),
            "finishedAt": .string(iso8601(completion.finishedAt)),
            "deviceCount": JSONValue(deviceCount),
            "collectorVersion": .string(completion.collectorVersion),
            "runPayloadSha256": .string(runPayloadSHA256.hexString),
        ])
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
