import AsyncHTTPClient
import Foundation
import InventoryJSON
import Logging
import NIOCore
import NIOHTTP1

/// Sends vendor requests with a timeout per attempt and bounded retries, and turns what comes
/// back into JSON or a `VendorError`. Shared by both vendor clients so they fail alike.
struct VendorTransport: Sendable {
    let vendor: VendorName
    let baseURL: String
    let httpClient: HTTPClient
    let retry: RetryPolicy
    let requestTimeout: Duration
    let redactor: SecretRedactor
    let logger: Logger
    /// Bodies larger than this are refused rather than held in memory (a page of 1,000
    /// NinjaOne devices is about 2 MB).
    static let maximumBodyBytes = 256 * 1024 * 1024

    /// Sends until the response is not worth retrying and returns it, whatever its status;
    /// throws when retries run out on 429/5xx or on transport errors.
    func send(_ request: VendorRequest) async throws -> VendorResponse {
        let redactor = redactor.adding(request.secrets)
        var attempt = 1
        while true {
            let outcome: Result<VendorResponse, any Error>
            do {
                outcome = .success(try await sendOnce(request))
            } catch let error as CancellationError {
                throw error
            } catch {
                outcome = .failure(error)
            }
            var retryAfter: Duration?
            switch outcome {
            case .success(let response) where !RetryPolicy.isRetryable(status: response.status):
                logger.debug("vendor response", metadata: metadata(request, attempt: attempt, status: response.status))
                return response
            case .success(let response):
                guard attempt < retry.maxAttempts else { throw failure(response, for: request, attempts: attempt) }
                retryAfter = response.retryAfter
                logger.warning("vendor asked to retry", metadata: metadata(request, attempt: attempt, status: response.status))
            case .failure(let error):
                let problem = redactor.redact(String(describing: error))
                guard attempt < retry.maxAttempts else {
                    throw VendorError(vendor: vendor, endpoint: request.endpoint, attempts: attempt, reason: .transport(problem))
                }
                var details = metadata(request, attempt: attempt, status: nil)
                details["error"] = .string(problem)
                logger.warning("vendor request failed, retrying", metadata: details)
            }
            attempt += 1
            try await Task.sleep(for: retry.delay(beforeAttempt: attempt, retryAfter: retryAfter))
        }
    }

    /// The body as JSON, or an error naming the endpoint, status and the parse position.
    func json(_ response: VendorResponse, for request: VendorRequest) throws(VendorError) -> JSONValue {
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw VendorError(vendor: vendor, endpoint: request.endpoint, status: response.status, reason: .malformedJSON(error))
        }
    }

    func shapeError(_ violation: ShapeViolation, _ response: VendorResponse, for request: VendorRequest) -> VendorError {
        VendorError(vendor: vendor, endpoint: request.endpoint, status: response.status, reason: .unexpectedShape(violation.description))
    }

    /// The error for a response that is not a success, with the start of its body (redacted).
    func failure(_ response: VendorResponse, for request: VendorRequest, attempts: Int = 1, reason: VendorError.Reason = .httpStatus) -> VendorError {
        let text = String(decoding: response.body.prefix(300), as: UTF8.self)
            .filter { !$0.isNewline }
            .trimmingCharacters(in: .whitespaces)
        let detail = text.isEmpty ? nil : redactor.adding(request.secrets).redact(String(text.prefix(200)))
        return VendorError(vendor: vendor, endpoint: request.endpoint, status: response.status, attempts: attempts, reason: reason, detail: detail)
    }

    private func sendOnce(_ request: VendorRequest) async throws -> VendorResponse {
        var outgoing = HTTPClientRequest(url: request.url(base: baseURL))
        outgoing.method = request.method
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await httpClient.execute(outgoing, timeout: TimeAmount(requestTimeout), logger: logger)
        let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
        let retryAfter = response.headers.first(name: "Retry-After")
            .flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            .map { Duration.seconds(max(0, $0)) }
        return VendorResponse(status: Int(response.status.code), body: Array(body.readableBytesView), retryAfter: retryAfter)
    }

    private func metadata(_ request: VendorRequest, attempt: Int, status: Int?) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "vendor": .string(vendor.rawValue), "endpoint": .string(request.endpoint), "attempt": .stringConvertible(attempt),
        ]
        if let status { metadata["status"] = .stringConvertible(status) }
        return metadata
    }
}
