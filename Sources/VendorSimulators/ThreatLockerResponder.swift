import HTTPTypes
import Hummingbird
import InventoryJSON
import NIOCore

/// ThreatLocker's portal API as the collector uses it: one POST endpoint paged by
/// `pageNumber` (from 1) and `pageSize` in a JSON body, authorised by the API key in
/// `Authorization` and scoped by the `managedOrganizationId` header.
struct ThreatLockerResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    static let path = "/portalApi/Computer/ComputerGetByAllParameters"
    static let organizationHeader = HTTPField.Name("managedOrganizationId")!

    let control: SimulatorControl
    let configuration: ThreatLockerSimulator.Configuration

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        var page: Int?
        var pageSize: Int?
        let response: Response
        if request.method == .post, path == Self.path {
            let body = try await request.body.collect(upTo: 64 * 1024)
            let parameters = try? JSONParser.parse(Array(body.readableBytesView))
            page = parameters?["pageNumber"]?.intValue
            pageSize = parameters?["pageSize"]?.intValue
            response = await computers(request, pageNumber: page, pageSize: pageSize)
        } else {
            response = SimulatorResponse.error(.notFound, "no such endpoint")
        }
        await control.record(
            RecordedRequest(
                endpoint: path == Self.path ? .computers : nil, method: request.method.rawValue, path: path, page: page,
                pageSize: pageSize, status: response.status.code))
        return response
    }

    private func computers(_ request: Request, pageNumber: Int?, pageSize: Int?) async -> Response {
        guard request.headers[.authorization] == configuration.apiKey else {
            return SimulatorResponse.error(.unauthorized, "invalid API key")
        }
        guard request.headers[Self.organizationHeader] == configuration.organizationID else {
            return SimulatorResponse.error(.forbidden, "managedOrganizationId is not an organization this key manages")
        }
        guard let pageNumber, let pageSize, pageNumber >= 1, pageSize >= 1 else {
            return SimulatorResponse.error(.badRequest, "pageNumber and pageSize must be positive integers")
        }
        let admission: SimulatorAdmission
        if let fault = await control.takeFault(for: .computers, page: pageNumber) {
            admission = SimulatorAdmission(fault)
        } else {
            admission = .serve
        }
        if case .refuse(let response) = admission { return response }
        let all = await control.fleet().threatLockerComputers
        let servedCount = await control.servesWholePagesOnly ? all.count - all.count % pageSize : all.count
        let totalRows = JSONValue(servedCount + (await control.totalRowsAdjustment))
        let start = min((pageNumber - 1) * pageSize, servedCount)
        let slice = all[start..<min(start + pageSize, servedCount)].map { computer -> JSONValue in
            guard case .object(var members) = computer, members["totalRows"] != totalRows else { return computer }
            members["totalRows"] = totalRows
            return .object(members)
        }
        return admission.respond(with: .array(slice))
    }
}
