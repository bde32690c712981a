import Foundation
import InventoryJSON

/// Reading and writing capture documents: the whole file is parsed strictly (a located error
/// on malformed JSON) and written atomically (a crash never leaves half a capture behind), in
/// the form of `CaptureJSONWriter`, so what is read back equals what was written.
enum CaptureFile {
    static func read(_ path: String, vendor: VendorName) throws(CaptureFileError) -> JSONValue {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CaptureFileError(vendor: vendor, file: path, reason: .unreadable(error.localizedDescription))
        }
        return try parse(data, vendor: vendor, file: path)
    }

    static func parse(_ bytes: some Collection<UInt8>, vendor: VendorName, file: String?) throws(CaptureFileError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw CaptureFileError(vendor: vendor, file: file, reason: .malformedJSON(error))
        }
    }

    static func write(_ document: JSONValue, to path: String, vendor: VendorName) throws(CaptureFileError) {
        do {
            try Data(CaptureJSONWriter.bytes(document)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CaptureFileError(vendor: vendor, file: path, reason: .unwritable(error.localizedDescription))
        }
    }
}
