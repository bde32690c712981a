import InventoryJSON

/// Why a capture file cannot be used, with the position of malformed JSON or the path of the
/// first value of the wrong shape, so a person can open the file at the problem.
public struct CaptureFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the file.
    public enum Reason: Sendable, Equatable {
        case unreadable(String)
        case unwritable(String)
        case malformedJSON(JSONParseError)
        /// `devices[3]`, `is not an object`.
        case wrongShape(path: String, problem: String)
        /// ThreatLocker items whose `totalRows` disagrees with the number of computers.
        case incomplete(expected: Int, found: Int)
    }

    /// Whose capture it is meant to be.
    public let vendor: VendorName
    /// The file's path, nil for bytes that did not come from a file.
    public let file: String?
    /// The problem, with its position or path.
    public let reason: Reason

    /// An error about `file` (nil for bytes that did not come from a file).
    public init(vendor: VendorName, file: String?, reason: Reason) {
        self.vendor = vendor
        self.file = file
        self.reason = reason
    }

    public var description: String {
        let subject = "\(vendor) capture" + (file.map { " \($0)" } ?? "")
        switch reason {
        case .unreadable(let problem): return "\(subject) cannot be read: \(problem)"
        case .unwritable(let problem): return "\(subject) cannot be written: \(problem)"
        case .malformedJSON(let error): return "\(subject) is not valid JSON: \(error)"
        case .wrongShape(let path, let problem): return "\(subject) has the wrong shape: \(path) \(problem)"
        case .incomplete(let expected, let found):
            return "\(subject) is incomplete: it holds \(found) computers but their totalRows says \(expected)"
        }
    }

    init(vendor: VendorName, file: String?, _ violation: ShapeViolation) {
        self.init(vendor: vendor, file: file, reason: .wrongShape(path: violation.path, problem: violation.problem))
    }
}
