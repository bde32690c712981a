import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import NIOCore
import PostgresClient

/// Responses built from `JSONValue`, written by the canonical writer (sorted keys, one spelling
/// per number), so equal data gives byte-equal bodies and stable ETags.
enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        var bytes = CanonicalJSONWriter.bytes(value)
        bytes.append(UInt8(ascii: "\n"))
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A file's bytes; with `filename`, the browser saves it under that name.
    static func data(_ data: Data, contentType: String, filename: String? = nil, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        if let filename { fields[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension JSONValue {
    init(_ date: CalendarDate?) { self = date.map { .string($0.description) } ?? .null }
    init(_ value: Int?) { self = value.map { JSONValue($0) } ?? .null }
    init(_ value: Bool?) { self = value.map(JSONValue.bool) ?? .null }
    init(timestamp: Date?) { self = timestamp.map { .string(APITime.format($0)) } ?? .null }

    /// JSON text from the database (a jsonb column), or null when absent or unreadable.
    init(jsonText: String?) {
        guard let jsonText, let value = try? JSONParser.parse(jsonText) else {
            self = .null
            return
        }
        self = value
    }
}

/// ISO 8601 in UTC with milliseconds, the API's one timestamp format.
enum APITime {
    static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
