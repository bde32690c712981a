import Hummingbird
import InventoryJSON
import NIOCore

/// NinjaOne's public API as the collectors use it: OAuth2 client credentials, cursor-paged
/// lists ordered by id, and per-device custom fields, all behind a bearer token.
struct NinjaOneResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let control: SimulatorControl
    let configuration: NinjaOneSimulator.Configuration

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let query = QueryParameters.parse(request.uri.query ?? "")
        let outcome: (endpoint: SimulatedEndpoint?, page: Int?, response: Response)
        switch (request.method, path) {
        case (.post, "/ws/oauth/token"):
            outcome = (.token, nil, try await token(request))
        case (.get, "/v2/devices-detailed"):
            outcome = await list(.devices, query: query, request: request) { $0.ninjaDevices }
        case (.get, "/v2/organizations"):
            outcome = await list(.organizations, query: query, request: request) { $0.organizations }
        case (.get, "/v2/locations"):
            outcome = await list(.locations, query: query, request: request) { $0.locations }
        case (.get, _) where Self.customFieldsDeviceID(path) != nil:
            outcome = (.customFields, nil, await customFields(deviceID: Self.customFieldsDeviceID(path)!, request: request))
        default:
            outcome = (nil, nil, SimulatorResponse.error(.notFound, "no such endpoint"))
        }
        await control.record(
            RecordedRequest(
                endpoint: outcome.endpoint, method: request.method.rawValue, path: path, page: outcome.page,
                pageSize: query["pageSize"].flatMap { Int($0) }, status: outcome.response.status.code))
        return outcome.response
    }

    private func token(_ request: Request) async throws -> Response {
        if let fault = await control.takeFault(for: .token, page: nil), case .refuse(let response) = SimulatorAdmission(fault) {
            return response
        }
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = QueryParameters.parse(String(decoding: body.readableBytesView, as: UTF8.self))
        guard form["grant_type"] == "client_credentials" else {
            return SimulatorResponse.error(.badRequest, "unsupported_grant_type")
        }
        guard form["client_id"] == configuration.clientID, form["client_secret"] == configuration.clientSecret else {
            return SimulatorResponse.error(.unauthorized, "invalid_client")
        }
        let lifetime = configuration.tokenLifetime
        let token = await control.issueToken(lifetime: lifetime)
        return SimulatorResponse.json([
            "access_token": .string(token), "token_type": "bearer",
            "expires_in": JSONValue(Int(lifetime.components.seconds)), "scope": .string(form["scope"] ?? "monitoring"),
        ])
    }

    /// Bearer check first (a missing, unknown or expired token is a 401), then any fault.
    private func admit(_ request: Request, endpoint: SimulatedEndpoint, page: Int?) async -> SimulatorAdmission {
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), await control.isValid(token: String(header.dropFirst(prefix.count))) else {
            return .refuse(SimulatorResponse.error(.unauthorized, "invalid or expired token"))
        }
        guard let fault = await control.takeFault(for: endpoint, page: page) else { return .serve }
        if fault == .expiredToken { await control.expireTokens() }
        return SimulatorAdmission(fault)
    }

    /// `?pageSize=N&after=LAST_ID`: the items with an id above `after`, at most N of them.
    private func list(
        _ endpoint: SimulatedEndpoint, query: [String: String], request: Request, items: (SimulatedFleet) -> [JSONValue]
    ) async -> (SimulatedEndpoint?, Int?, Response) {
        let all = items(await control.fleet())
        let pageSize = query["pageSize"].flatMap { Int($0) } ?? all.count
        guard pageSize > 0 else { return (endpoint, nil, SimulatorResponse.error(.badRequest, "pageSize must be positive")) }
        let ids = all.map { $0["id"]?.intValue ?? 0 }
        let after = query["after"].flatMap { Int($0) }
        let start = after.map { cursor in ids.firstIndex { $0 > cursor } ?? ids.count } ?? 0
        let page = start / pageSize + 1
        let admission = await admit(request, endpoint: endpoint, page: page)
        if case .refuse(let response) = admission { return (endpoint, page, response) }
        let servedCount = await control.servesWholePagesOnly ? all.count - all.count % pageSize : all.count
        let slice = Array(all[min(start, servedCount)..<min(start + pageSize, servedCount)])
        return (endpoint, page, admission.respond(with: .array(slice)))
    }

    private func customFields(deviceID: Int, request: Request) async -> Response {
        let admission = await admit(request, endpoint: .customFields, page: nil)
        if case .refuse(let response) = admission { return response }
        guard let fields = await control.fleet().customFields[String(deviceID)] else {
            return SimulatorResponse.error(.notFound, "device not found")
        }
        return admission.respond(with: fields)
    }

    /// The device id in `/v2/device/{id}/custom-fields`.
    static func customFieldsDeviceID(_ path: String) -> Int? {
        let parts = path.split(separator: "/")
        guard parts.count == 4, parts[0] == "v2", parts[1] == "device", parts[3] == "custom-fields" else { return nil }
        return Int(parts[2])
    }
}
