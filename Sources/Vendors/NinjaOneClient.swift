import AsyncHTTPClient
import InventoryJSON
import Logging
import NIOHTTP1

/// Collects a NinjaOne tenant's inventory over its public API: OAuth2 client credentials, the
/// paged `devices-detailed`, organization and location lists, and every device's custom fields.
///
/// The `HTTPClient` belongs to the caller, who shuts it down (`VendorHTTPClient.withClient`
/// does both); the client itself holds no resources beyond the token of its run.
public struct NinjaOneClient: Sendable {
    /// Where the client collects from; its description hides the credentials.
    public let configuration: NinjaOneConfiguration
    let transport: VendorTransport
    let logger: Logger
    private let tokens: NinjaOneTokenStore

    /// A client for one collection run; requests go through `httpClient`, progress and retries
    /// are logged to `logger` (never with credentials).
    public init(configuration: NinjaOneConfiguration, httpClient: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        tokens = NinjaOneTokenStore(now: configuration.now)
        transport = VendorTransport(
            vendor: .ninjaOne, baseURL: configuration.baseURL, httpClient: httpClient, retry: configuration.retry,
            requestTimeout: configuration.requestTimeout,
            redactor: SecretRedactor([configuration.clientID, configuration.clientSecret]), logger: logger)
    }

    /// Everything a NinjaOne `device_observed` event needs: organizations, locations, every
    /// device and every device's custom fields, each item exactly as the API returned it.
    public func fetchCapture(progress: CollectionProgressHandler? = nil) async throws -> NinjaOneCapture {
        let organizations = try await fetchOrganizations(progress: progress)
        let locations = try await fetchLocations(progress: progress)
        let devices = try await fetchDevices(progress: progress)
        let ids = devices.compactMap(JSONShape.id(of:))
        let customFields = try await fetchCustomFields(deviceIDs: ids, progress: progress)
        logger.info(
            "NinjaOne inventory collected",
            metadata: ["devices": .stringConvertible(devices.count), "organizations": .stringConvertible(organizations.count)])
        return NinjaOneCapture(devices: devices, organizations: organizations, locations: locations, customFields: customFields)
    }

    /// GET with the bearer token; on a 401 the token is refreshed once and the request resent.
    /// Returns the response of any other status for the caller to judge.
    func authorizedGET(_ path: String, query: [(String, String)] = []) async throws -> (VendorRequest, VendorResponse) {
        let unauthorized = VendorRequest(method: .GET, path: path, query: query, headers: [("Accept", "application/json")])
        func carrying(_ token: String) -> VendorRequest {
            var request = unauthorized
            request.headers.append(("Authorization", "Bearer \(token)"))
            request.secrets = [token]
            return request
        }
        let token = try await tokens.token(fetch: fetchToken)
        let first = carrying(token)
        let response = try await transport.send(first)
        guard response.status == 401 else { return (first, response) }
        logger.notice("NinjaOne refused the bearer token, refreshing it once", metadata: ["endpoint": .string(unauthorized.endpoint)])
        let retry = carrying(try await tokens.token(replacing: token, fetch: fetchToken))
        let retried = try await transport.send(retry)
        if retried.status == 401 { throw transport.failure(retried, for: retry, reason: .authenticationRejected) }
        return (retry, retried)
    }

    /// An authorized GET whose 2xx body must be JSON.
    func getJSON(_ path: String, query: [(String, String)] = []) async throws -> (VendorRequest, VendorResponse, JSONValue) {
        let (request, response) = try await authorizedGET(path, query: query)
        guard response.isSuccess else { throw transport.failure(response, for: request) }
        return (request, response, try transport.json(response, for: request))
    }

    /// `POST /ws/oauth/token` with the client credentials grant, form encoded.
    @Sendable private func fetchToken() async throws -> NinjaOneTokenStore.Grant {
        let form = FormEncoding.encode([
            ("grant_type", "client_credentials"), ("client_id", configuration.clientID),
            ("client_secret", configuration.clientSecret), ("scope", configuration.scope),
        ])
        let request = VendorRequest(
            method: .POST, path: "/ws/oauth/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(form.utf8), secrets: [configuration.clientID, configuration.clientSecret])
        let response = try await transport.send(request)
        if response.status == 400 || response.status == 401 || response.status == 403 {
            throw transport.failure(response, for: request, reason: .authenticationRejected)
        }
        guard response.isSuccess else { throw transport.failure(response, for: request) }
        let body = try transport.json(response, for: request)
        guard let token = body["access_token"]?.stringValue, !token.isEmpty else {
            throw transport.shapeError(ShapeViolation(path: "access_token", problem: "is missing or not a string"), response, for: request)
        }
        if let type = body["token_type"]?.stringValue, type.lowercased() != "bearer" {
            throw transport.shapeError(ShapeViolation(path: "token_type", problem: "is not bearer"), response, for: request)
        }
        let lifetime = body["expires_in"]?.intValue ?? 3600
        logger.debug("NinjaOne token issued", metadata: ["expiresIn": .stringConvertible(lifetime)])
        return NinjaOneTokenStore.Grant(token: token, lifetime: .seconds(max(1, lifetime)))
    }
}
