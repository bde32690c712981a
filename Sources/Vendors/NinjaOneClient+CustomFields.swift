import InventoryJSON
import Logging

extension NinjaOneClient {
    /// `GET /v2/device/{id}/custom-fields` for every device, `customFieldConcurrency` at a
    /// time, keyed by the device id as text. A device deleted between the listing and its
    /// custom-field request (404) has no entry; any other failure fails the whole fetch.
    public func fetchCustomFields(deviceIDs: [Int], progress: CollectionProgressHandler? = nil) async throws -> [String: JSONValue] {
        let concurrency = configuration.customFieldConcurrency
        var fields: [String: JSONValue] = [:]
        var completed = 0
        try await withThrowingTaskGroup(of: (Int, JSONValue?).self) { group in
            var pending = deviceIDs.makeIterator()
            for _ in 0..<concurrency {
                guard let id = pending.next() else { break }
                group.addTask { (id, try await customFields(ofDevice: id)) }
            }
            while let (id, value) = try await group.next() {
                if let value { fields[String(id)] = value }
                completed += 1
                progress?(
                    CollectionProgress(
                        vendor: .ninjaOne, stage: .customFields, pagesFetched: completed, itemsFetched: fields.count,
                        expectedItems: deviceIDs.count))
                if let next = pending.next() {
                    group.addTask { (next, try await customFields(ofDevice: next)) }
                }
            }
        }
        return fields
    }

    /// One device's custom fields object; nil when the device no longer exists.
    func customFields(ofDevice id: Int) async throws -> JSONValue? {
        let (request, response) = try await authorizedGET("/v2/device/\(id)/custom-fields")
        if response.status == 404 {
            logger.notice("NinjaOne device disappeared before its custom fields were read", metadata: ["deviceId": .stringConvertible(id)])
            return nil
        }
        guard response.isSuccess else { throw transport.failure(response, for: request) }
        let body = try transport.json(response, for: request)
        guard body.objectValue != nil else {
            throw transport.shapeError(ShapeViolation(path: "response", problem: "is not an object"), response, for: request)
        }
        return body
    }
}
