import Hummingbird
import InventoryJSON
import NIOCore

/// The HTTP answers both simulators give, so a fault looks the same whichever vendor shows it.
enum SimulatorResponse {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        bytes(CanonicalJSONWriter.bytes(value), status: status)
    }

    /// A faulty 200: the page's JSON cut off halfway, as a proxy or a crashed worker leaves it.
    static func malformed(_ value: JSONValue) -> Response {
        let full = CanonicalJSONWriter.bytes(value)
        return bytes(Array(full.prefix(max(1, full.count / 2))), status: .ok)
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(["error": .string(message)], status: status)
    }

    static func rateLimited(retryAfterSeconds: Int) -> Response {
        var response = error(.tooManyRequests, "rate limit exceeded")
        response.headers[.retryAfter] = String(retryAfterSeconds)
        return response
    }

    private static func bytes(_ body: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
