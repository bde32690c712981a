import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Projections

/// `GET /api/windows-11?date=&client=`: capable and not capable per client, failures per
/// requirement, and (paged) the devices that are not capable with their deficiencies.
struct Windows11Routes {
    let services: APIServices

    static let deviceColumns = ListPage.Columns(["vendor_device_key", "hostname", "display_name", "client", "os_name", "cpu_model", "deficiencies"])

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            let parameters = RequestParameters(request)
            let requested = try parameters.date("date")
            let client = try parameters.text("client")
            let page = try parameters.page()
            let format = try parameters.format()
            return try await services.cachedGET(request, context) { session in
                guard let date = try requested ?? Windows11Query.newestDate(session) else { throw APIError.notFound("no NinjaOne day is projected yet") }
                var query = Windows11Query(date: date, client: client)
                let clients = try query.clients(session)
                let requirements = try query.requirements(session)
                let total = try query.notCapableCount(session)
                query.limit = page.limit
                query.offset = page.offset
                let devices = try query.devices(session).map { device -> JSONValue in
                    [
                        "vendor_device_key": .string(device.vendorDeviceKey), "hostname": JSONValue(device.hostname),
                        "display_name": JSONValue(device.displayName), "client": .string(device.client), "os_name": JSONValue(device.osName),
                        "cpu_model": JSONValue(device.cpuModel), "deficiencies": JSONValue(jsonText: device.deficiencies),
                    ]
                }
                // A spreadsheet holds the page of devices that are not capable.
                if let file = try Self.deviceColumns.file(devices, format: format, title: "Windows 11 \(date)", session: session) { return file }
                return JSONResponse.make([
                    "date": JSONValue(date),
                    "clients": .array(clients.map { ["client": .string($0.client), "capable": JSONValue($0.capable), "not_capable": JSONValue($0.notCapable)] }),
                    "totals": [
                        "capable": JSONValue(clients.map(\.capable).reduce(0, +)), "not_capable": JSONValue(clients.map(\.notCapable).reduce(0, +)),
                    ],
                    "requirements": .object(requirements.mapValues { JSONValue($0) }),
                    "devices": [
                        "items": .array(devices),
                        "total": JSONValue(total), "limit": JSONValue(page.limit), "offset": JSONValue(page.offset),
                    ],
                ])
            }
        }
        return routes
    }
}
