import InventoryJSON

/// One ThreatLocker collection: every computer item exactly as the API returned it.
///
/// As a file it is `{"computers":[…]}`; a bare JSON array of computers (as exported from the
/// API by other tools) is read too.
public struct ThreatLockerCapture: Sendable, Equatable {
    /// `ComputerGetByAllParameters` items in the order served.
    public var computers: [JSONValue]

    /// A capture of items already known to be objects (a client's results).
    public init(computers: [JSONValue]) {
        self.computers = computers
    }

    /// The capture document.
    public var json: JSONValue { ["computers": .array(computers)] }

    /// Reads `{"computers":[…]}` or `[…]`. When items carry `totalRows`, it must equal the
    /// number of computers: a capture cut short must not pass for a complete inventory.
    public init(json: JSONValue, file: String? = nil) throws(CaptureFileError) {
        do {
            if json.arrayValue != nil {
                computers = try JSONShape.objects(json, at: "computers")
            } else {
                let root = try JSONShape.object(json, at: "capture")
                computers = try JSONShape.objects(root["computers"], at: "computers")
            }
        } catch {
            throw CaptureFileError(vendor: .threatLocker, file: file, error)
        }
        if let expected = Self.disagreeingTotal(in: computers) {
            throw CaptureFileError(vendor: .threatLocker, file: file, reason: .incomplete(expected: expected, found: computers.count))
        }
    }

    /// Parses capture bytes; `file` only names the source in errors.
    public init(bytes: some Collection<UInt8>, file: String? = nil) throws(CaptureFileError) {
        try self.init(json: CaptureFile.parse(bytes, vendor: .threatLocker, file: file), file: file)
    }

    /// Reads a capture file (`--from-file`).
    public static func read(from path: String) throws(CaptureFileError) -> ThreatLockerCapture {
        try ThreatLockerCapture(json: CaptureFile.read(path, vendor: .threatLocker), file: path)
    }

    /// The capture file's bytes: decoding them gives back an equal capture.
    public func encoded() -> [UInt8] { CaptureJSONWriter.bytes(json) }

    /// Writes the capture file (`--save-capture`), replacing any file at the path atomically.
    public func write(to path: String) throws(CaptureFileError) {
        try CaptureFile.write(json, to: path, vendor: .threatLocker)
    }

    /// A `totalRows` that the number of computers contradicts, nil when none does (or when no
    /// item carries one). Items that disagree with each other mean the result changed while it
    /// was paged, which is just as incomplete.
    static func disagreeingTotal(in computers: [JSONValue]) -> Int? {
        let totals = Set(computers.compactMap { $0["totalRows"]?.intValue })
        return totals.sorted().first { $0 != computers.count }
    }
}
