/// The vendor endpoints the simulators serve, named so tests can aim faults and count requests.
public enum SimulatedEndpoint: String, Sendable, Hashable, CaseIterable {
    /// NinjaOne `POST /ws/oauth/token`.
    case token
    /// NinjaOne `GET /v2/devices-detailed`.
    case devices
    /// NinjaOne `GET /v2/organizations`.
    case organizations
    /// NinjaOne `GET /v2/locations`.
    case locations
    /// NinjaOne `GET /v2/device/{id}/custom-fields`.
    case customFields
    /// ThreatLocker `POST /portalApi/Computer/ComputerGetByAllParameters`.
    case computers
}
