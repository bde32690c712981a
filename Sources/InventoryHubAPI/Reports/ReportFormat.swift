import Foundation
import InventoryJSON
import Ledger
import ReportWriters

/// The file formats a report downloads in, with their media types and file extensions.
public enum ReportFormat: String, Sendable, CaseIterable {
    case csv, xlsx, pdf

    public var contentType: String {
        switch self {
        case .csv: return "text/csv; charset=utf-8"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pdf: return "application/pdf"
        }
    }
}

/// Where a report's figures stop: the ledger event it was computed up to. Its seq and chain hash
/// name the exact ledger state; its time dates the XLSX and PDF, so the same bound gives the same
/// bytes on any day.
public struct ReportBound: Sendable, Hashable {
    public var seq: Int64
    public var chainSHA256: String
    public var recordedAt: Date

    public init(_ head: Ledger.Head) {
        seq = head.seq
        chainSHA256 = head.chainHex
        recordedAt = head.recordedAt
    }

    public var line: String {
        "Ledger bound: seq \(seq), chain SHA-256 \(chainSHA256), recorded \(APITime.format(recordedAt))"
    }

    public var json: JSONValue {
        ["seq": JSONValue(Int(seq)), "chain_sha256": .string(chainSHA256), "recorded_at": JSONValue(timestamp: recordedAt)]
    }
}

/// A report that cannot be made, with the sentence that says why.
public struct ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
