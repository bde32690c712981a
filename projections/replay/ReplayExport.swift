import Crypto
import Foundation
import PostgresClient

/// Writes a replayed schema as CSV files (one per read model, header row, rows in key order)
/// and a `manifest.json` with the range, the seq bound, row counts and each file's SHA-256.
/// Nothing time-dependent is written, so two replays of the same range give identical files.
public struct ReplayExport {
    static let orderBy: [String: String] = [
        "site": "vendor_id, vendor_site_key",
        "device_identity": "vendor_id, vendor_device_key",
        "device_snapshot": "snapshot_date, vendor_id, device_identity_id",
        "projection_effective_run": "observed_on, vendor_id",
        "daily_counts": "snapshot_date, vendor_id, site_id, device_type_id, billing_status_id",
        "month_end_counts": "month_end_date, vendor_id, site_id, device_type_id, billing_status_id",
        "change_log": "change_date, vendor_id, metric",
        "exceptions": "date_found, type, hostname",
        "exception_finding": "compared_on, type, hostname",
        "site_alias": "vendor_id, vendor_site_key",
    ]

    let session: PostgresSession

    public init(session: PostgresSession) {
        self.session = session
    }

    public struct FileEntry: Sendable, Hashable {
        public let name: String
        public let rows: Int
        public let sha256: String
    }

    /// - Returns: the manifest's file entries.
    @discardableResult
    public func write(_ report: Replayer.Report, to directory: URL) throws -> [FileEntry] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var entries: [FileEntry] = []
        for table in ProjectionName.allCases.flatMap(\.tables) {
            let order = (Self.orderBy[table] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let rows = try session.query("""
                SELECT * FROM \(identifier: report.schema).\(identifier: table) ORDER BY \(order.isEmpty ? "1" : "\(identifiers: order)" as PostgresQuery)
                """)
            var text = rows.columnNames.map(Self.csvField).joined(separator: ",") + "\n"
            for row in rows {
                text += (0..<row.columnCount).map { row.text($0).map(Self.csvField) ?? "" }.joined(separator: ",") + "\n"
            }
            let data = Data(text.utf8)
            let name = "\(table).csv"
            try data.write(to: directory.appendingPathComponent(name), options: .atomic)
            entries.append(FileEntry(name: name, rows: rows.count, sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()))
        }
        var manifest: [String: Any] = [
            "from": report.request.range.lowerBound.description, "to": report.request.range.upperBound.description,
            "maxSeq": report.maxSeq, "generatedBy": "inventory-hub replay",
            "files": entries.map { ["name": $0.name, "rows": $0.rows, "sha256": $0.sha256] },
        ]
        if let knownAt = report.request.knownAt { manifest["knownAt"] = ISO8601DateFormatter().string(from: knownAt) }
        if let vendor = report.request.vendorID { manifest["vendorId"] = vendor }
        let json = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try (json + Data("\n".utf8)).write(to: directory.appendingPathComponent("manifest.json"), options: .atomic)
        return entries
    }

    /// RFC 4180 quoting; an empty string is quoted so it differs from SQL NULL (an empty field).
    static func csvField(_ value: String) -> String {
        if value.isEmpty { return "\"\"" }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
