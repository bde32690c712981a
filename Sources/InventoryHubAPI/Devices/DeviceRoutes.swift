import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
import Logging
import PostgresClient
import Projections

/// `GET /api/devices` (search, grouped by canonical key with each vendor's record side by side)
/// and `GET /api/devices/{vendor}/{key}` (one device: every snapshot column, its history from
/// the ledger, the other vendor's device it matches and why).
struct DeviceRoutes {
    let services: APIServices

    static func columns(_ format: ResponseFormat) -> ListPage.Columns {
        format == .json ? ListPage.Columns(["key", "coverage", "ninja", "threatlocker"]) : recordColumns
    }

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            let parameters = RequestParameters(request)
            let page = try parameters.page()
            let format = try parameters.format()
            let requested = try parameters.date("date")
            let vendor = try parameters.vendor()
            let client = try parameters.text("client")
            let text = try parameters.text("q")
            let coverage = try parameters.choice("coverage", DeviceQuery.Coverage.self)
            return try await services.cachedGET(request, context) { session in
                guard let date = try requested ?? DeviceQuery.newestDate(session) else {
                    return try page.response(items: [], total: 0, columns: Self.columns(format), format: format, title: "Devices", session: session)
                }
                var query = DeviceQuery(date: date, vendor: vendor, client: client, text: text, coverage: coverage)
                query.limit = page.limit
                query.offset = page.offset
                let (total, groups) = try query.page(session)
                // A spreadsheet gets one row per vendor record, the JSON one item per device group.
                let items = format == .json
                    ? groups.map { Self.json($0, date: date) }
                    : groups.flatMap { group in group.devices.map { Self.record($0, key: group.key, date: date) } }
                return try page.response(items: items, total: total, columns: Self.columns(format), format: format, title: "Devices \(date)", session: session)
            }
        }
        routes.get(":vendor/:key") { request, context in
            let vendorText = try context.parameters.segment("vendor")
            guard let vendor = Vendor(apiName: vendorText) else { throw APIError.badParameter("vendor", "must be ninja or threatlocker, not '\(vendorText)'") }
            let key = try context.parameters.segment("key")
            guard !key.isEmpty, key.count <= 255 else { throw APIError.badParameter("key", "a device key has 1 to 255 characters") }
            let date = try RequestParameters(request).date("date")
            return try await services.cachedGET(request, context) { session in
                guard let device = try DeviceHistoryQuery(vendor: vendor, vendorDeviceKey: key, date: date).read(session) else {
                    throw APIError.notFound("no \(vendor.apiName) device has the key \(key)")
                }
                if date != nil, device.date == nil { throw APIError.notFound("the \(vendor.apiName) device \(key) has no snapshot on \(date!) in the live tables") }
                return JSONResponse.make(Self.json(device))
            }
        }
        return routes
    }

    static func json(_ group: DeviceQuery.Group, date: CalendarDate) -> JSONValue {
        func records(_ vendor: Vendor) -> JSONValue {
            .array(group.devices.filter { $0.vendor == vendor }.map(Self.record))
        }
        let hasNinja = group.devices.contains { $0.vendor == .ninja }
        let hasThreatLocker = group.devices.contains { $0.vendor == .threatLocker }
        let matched = group.devices.contains(where: \.matched) || (hasNinja && hasThreatLocker)
        let coverage: String = matched ? "both" : (hasNinja ? "ninja_only" : "threatlocker_only")
        return ["key": .string(group.key), "date": JSONValue(date), "coverage": .string(coverage), "ninja": records(.ninja), "threatlocker": records(.threatLocker)]
    }

    /// One vendor's record of a device, as `ninja[]`/`threatlocker[]` of a device group hold it.
    static func record(_ device: DeviceSummaryRow) -> JSONValue {
        [
            "vendor_device_key": .string(device.vendorDeviceKey), "canonical_key": JSONValue(device.canonicalKey),
            "hostname": JSONValue(device.hostname), "display_name": JSONValue(device.displayName), "client": .string(device.client),
            "os_name": JSONValue(device.osName), "device_type": JSONValue(device.deviceType), "billing_status": JSONValue(device.billingStatus),
            "last_online": JSONValue(timestamp: device.lastOnline), "matched": .bool(device.matched),
        ]
    }

    /// The flat device list of a day (the audit pack's): the group key, date and vendor with each record.
    static let recordColumns = ListPage.Columns([
        "key", "date", "vendor", "vendor_device_key", "canonical_key", "hostname", "display_name", "client", "os_name", "device_type",
        "billing_status", "last_online", "matched",
    ])

    static func record(_ device: DeviceSummaryRow, key: String, date: CalendarDate) -> JSONValue {
        guard case .object(var fields) = record(device) else { return record(device) }
        fields["key"] = .string(key)
        fields["date"] = JSONValue(date)
        fields["vendor"] = .string(device.vendor.apiName)
        return .object(fields)
    }

    static func json(_ device: DeviceHistoryQuery.Result) -> JSONValue {
        [
            "vendor": .string(device.vendor.apiName), "vendor_device_key": .string(device.vendorDeviceKey), "identity_id": JSONValue(device.identityID),
            "first_seen_date": JSONValue(device.firstSeen), "last_seen_date": JSONValue(device.lastSeen), "date": JSONValue(device.date),
            "client": JSONValue(device.client), "snapshot": JSONValue(jsonText: device.snapshot),
            "history": .array(device.history.map { day in
                [
                    "date": JSONValue(day.date), "seq": JSONValue(Int(day.seq)),
                    "changes": .array(day.changes.map { ["field": .string($0.field), "from": JSONValue($0.from), "to": JSONValue($0.to)] }),
                ]
            }),
            "matches": .array(device.matches.map { match in
                [
                    "vendor": .string(match.vendor.apiName), "vendor_device_key": .string(match.vendorDeviceKey), "hostname": JSONValue(match.hostname),
                    "display_name": JSONValue(match.displayName), "client": .string(match.client), "matched_on": match.field == nil ? .null : [
                        "field": JSONValue(match.field), "other_field": JSONValue(match.otherField), "key": JSONValue(match.key),
                    ],
                ]
            }),
        ]
    }
}
