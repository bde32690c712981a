import Hummingbird
import InventoryJSON

/// What a simulator does with a request after checking credentials and faults: serve it,
/// answer with an error instead, or serve it corrupted.
enum SimulatorAdmission {
    case serve
    case refuse(Response)
    case corrupt

    init(_ fault: SimulatorFault.Kind) {
        switch fault {
        case .serverError(let status): self = .refuse(SimulatorResponse.error(HTTPResponse.Status(code: status), "simulated server error"))
        case .rateLimited(let seconds): self = .refuse(SimulatorResponse.rateLimited(retryAfterSeconds: seconds))
        case .expiredToken: self = .refuse(SimulatorResponse.error(.unauthorized, "token expired"))
        case .malformedJSON: self = .corrupt
        }
    }

    /// The response for an admitted request whose payload is `value`.
    func respond(with value: JSONValue) -> Response {
        switch self {
        case .serve: SimulatorResponse.json(value)
        case .refuse(let response): response
        case .corrupt: SimulatorResponse.malformed(value)
        }
    }
}
