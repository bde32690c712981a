import AsyncHTTPClient
import InventoryJSON
import Logging
import NIOHTTP1

/// Collects every computer of an MSP's ThreatLocker organizations (children included) from
/// `POST /portalApi/Computer/ComputerGetByAllParameters`, page by page.
///
/// The `HTTPClient` belongs to the caller, who shuts it down (`VendorHTTPClient.withClient`
/// does both).
public struct ThreatLockerClient: Sendable {
    /// The one endpoint collection needs.
    public static let computersPath = "/portalApi/Computer/ComputerGetByAllParameters"

    /// Where the client collects from; its description hides the API key.
    public let configuration: ThreatLockerConfiguration
    private let transport: VendorTransport
    private let logger: Logger

    /// A client for one collection run; requests go through `httpClient`, progress and retries
    /// are logged to `logger` (never with the API key).
    public init(configuration: ThreatLockerConfiguration, httpClient: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        transport = VendorTransport(
            vendor: .threatLocker, baseURL: configuration.baseURL, httpClient: httpClient, retry: configuration.retry,
            requestTimeout: configuration.requestTimeout, redactor: SecretRedactor([configuration.apiKey]), logger: logger)
    }

    /// All computers. Paging stops at a page shorter than `pageSize` (an empty page is a
    /// normal end); when items carry `totalRows`, a different number of computers fails the
    /// fetch as incomplete rather than recording a partial inventory.
    public func fetchCapture(progress: CollectionProgressHandler? = nil) async throws -> ThreatLockerCapture {
        var computers: [JSONValue] = []
        var pageNumber = 1
        var previousFirstID: JSONValue?
        var lastStatus: Int?
        while true {
            let request = pageRequest(pageNumber)
            let response = try await transport.send(request)
            if response.status == 401 || response.status == 403 {
                throw transport.failure(response, for: request, reason: .authenticationRejected)
            }
            guard response.isSuccess else { throw transport.failure(response, for: request) }
            let page: [JSONValue]
            do {
                page = try JSONShape.objects(try transport.json(response, for: request), at: "response")
            } catch let violation as ShapeViolation {
                throw transport.shapeError(violation, response, for: request)
            }
            if let first = page.first?["computerId"], first == previousFirstID {
                throw VendorError(
                    vendor: .threatLocker, endpoint: request.endpoint, status: response.status,
                    reason: .pagingStalled("page \(pageNumber) starts with the same computer as page \(pageNumber - 1)"))
            }
            previousFirstID = page.first?["computerId"]
            lastStatus = response.status
            computers.append(contentsOf: page)
            progress?(
                CollectionProgress(
                    vendor: .threatLocker, stage: .computers, pagesFetched: pageNumber, itemsFetched: computers.count,
                    expectedItems: page.first?["totalRows"]?.intValue))
            if page.count < configuration.pageSize { break }
            pageNumber += 1
        }
        if let expected = ThreatLockerCapture.disagreeingTotal(in: computers) {
            throw VendorError(
                vendor: .threatLocker, endpoint: "POST \(Self.computersPath)", status: lastStatus,
                reason: .incomplete(expected: expected, received: computers.count))
        }
        logger.info("ThreatLocker inventory collected", metadata: ["computers": .stringConvertible(computers.count)])
        return ThreatLockerCapture(computers: computers)
    }

    private func pageRequest(_ pageNumber: Int) -> VendorRequest {
        let body: JSONValue = [
            "pageSize": JSONValue(configuration.pageSize), "pageNumber": JSONValue(pageNumber), "searchText": "",
            "orderBy": "computername", "isAscending": true, "childOrganizations": true, "showLastCheckIn": true,
        ]
        return VendorRequest(
            method: .POST, path: Self.computersPath,
            headers: [
                ("Authorization", configuration.apiKey), ("managedOrganizationId", configuration.organizationID),
                ("Content-Type", "application/json"), ("Accept", "application/json"),
            ],
            body: CanonicalJSONWriter.bytes(body), secrets: [configuration.apiKey])
    }
}
