import Hummingbird
import InventoryJSON

/// What a simulator does with a request after checking credentials and faults: serve it,
/// answer with an error instead, serve it corrupted or with one item altered.
enum SimulatorAdmission {
    case serve
    case refuse(Response)
    case corrupt
    case alter(field: String, value: JSONValue?)

    init(_ fault: SimulatorFault.Kind) {
        switch fault {
        case .serverError(let status): self = .refuse(SimulatorResponse.error(HTTPResponse.Status(code: status), "simulated server error"))
        case .rateLimited(let seconds): self = .refuse(SimulatorResponse.rateLimited(retryAfterSeconds: seconds))
        case .expiredToken: self = .refuse(SimulatorResponse.error(.unauthorized, "token expired"))
        case .malformedJSON: self = .corrupt
        case .alteredItem(let field, let value): self = .alter(field: field, value: value)
        }
    }

    /// The response for an admitted request whose payload is `value`.
    func respond(with value: JSONValue) -> Response {
        switch self {
        case .serve: SimulatorResponse.json(value)
        case .refuse(let response): response
        case .corrupt: SimulatorResponse.malformed(value)
        case .alter(let field, let replacement): SimulatorResponse.json(Self.altering(value, field: field, to: replacement))
        }
    }

    /// `value` with its first item's (for an array) or its own (for an object) `field` replaced.
    static func altering(_ value: JSONValue, field: String, to replacement: JSONValue?) -> JSONValue {
        switch value {
        case .array(var items) where !items.isEmpty:
            items[0] = altering(items[0], field: field, to: replacement)
            return .array(items)
        case .object(var members):
            members[field] = replacement
            return .object(members)
        default:
            return value
        }
    }
}
