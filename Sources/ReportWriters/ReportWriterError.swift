import Foundation

/// A spreadsheet or PDF that could not be written, with the library's own words.
public struct ReportWriterError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) { self.description = description }
}
