import InventoryJSON

/// One NinjaOne collection: the vendor's responses gathered in one value, every raw field kept.
///
/// As a file it is `{"devices":[…],"organizations":[…],"locations":[…],"customFields":{"<deviceId>":{…}}}`;
/// `--save-capture` writes exactly what `--from-file` reads back.
public struct NinjaOneCapture: Sendable, Equatable {
    /// `devices-detailed` items in the order served (by id).
    public var devices: [JSONValue]
    /// `/v2/organizations` items, looked up by a device's `organizationId`.
    public var organizations: [JSONValue]
    /// `/v2/locations` items, looked up by a device's `locationId`.
    public var locations: [JSONValue]
    /// Custom fields objects keyed by the device id as text.
    public var customFields: [String: JSONValue]

    /// A capture of values already known to be well shaped (a client's results).
    public init(devices: [JSONValue], organizations: [JSONValue], locations: [JSONValue], customFields: [String: JSONValue]) {
        self.devices = devices
        self.organizations = organizations
        self.locations = locations
        self.customFields = customFields
    }

    /// The capture document.
    public var json: JSONValue {
        [
            "devices": .array(devices), "organizations": .array(organizations), "locations": .array(locations),
            "customFields": .object(customFields),
        ]
    }

    /// Reads a capture document; each list must hold objects with integer ids and
    /// `customFields` must map device ids to objects.
    public init(json: JSONValue, file: String? = nil) throws(CaptureFileError) {
        do {
            let root = try JSONShape.object(json, at: "capture")
            devices = try JSONShape.identifiedObjects(root["devices"], at: "devices")
            organizations = try JSONShape.identifiedObjects(root["organizations"], at: "organizations")
            locations = try JSONShape.identifiedObjects(root["locations"], at: "locations")
            customFields = try JSONShape.objectsByKey(root["customFields"], at: "customFields")
        } catch {
            throw CaptureFileError(vendor: .ninjaOne, file: file, error)
        }
    }

    /// Parses capture bytes; `file` only names the source in errors.
    public init(bytes: some Collection<UInt8>, file: String? = nil) throws(CaptureFileError) {
        try self.init(json: CaptureFile.parse(bytes, vendor: .ninjaOne, file: file), file: file)
    }

    /// Reads a capture file (`--from-file`).
    public static func read(from path: String) throws(CaptureFileError) -> NinjaOneCapture {
        try NinjaOneCapture(json: CaptureFile.read(path, vendor: .ninjaOne), file: path)
    }

    /// The capture file's bytes: decoding them gives back an equal capture.
    public func encoded() -> [UInt8] { CaptureJSONWriter.bytes(json) }

    /// Writes the capture file (`--save-capture`), replacing any file at the path atomically.
    public func write(to path: String) throws(CaptureFileError) {
        try CaptureFile.write(json, to: path, vendor: .ninjaOne)
    }

    /// The custom fields of a `devices-detailed` item, nil when there are none.
    public func customFields(of device: JSONValue) -> JSONValue? {
        JSONShape.id(of: device).flatMap { customFields[String($0)] }
    }
}
