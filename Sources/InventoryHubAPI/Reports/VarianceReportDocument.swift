import Foundation
import InventoryJSON
import InventoryRules
import Ledger
import PostgresClient
import Projections
import ReportWriters

/// The variance report of one compared day as a file: the episodes as CSV (the columns of
/// `GET /api/exceptions`), or a workbook and a PDF with the counts, the summary per type, the
/// open exceptions per client and the episodes. `GET /api/variance-report/{date}?format=…`, the
/// dashboard and `inventory-hub report variance` all make it here.
public struct VarianceReportDocument: Sendable {
    public var report: VarianceReportQuery.Report
    public var bound: ReportBound

    /// The report of `date`, or of the newest compared day.
    public static func load(date: CalendarDate?, includeResolved: Bool = false, _ session: PostgresSession) throws -> VarianceReportDocument {
        try session.readOnlySnapshot {
            guard let head = try Ledger(session: session).head() else { throw ReportError("the ledger is empty: collect first (inventory-hub collect)") }
            let report = try VarianceReportQuery(includeResolved: includeResolved).report(on: try day(date, session), session)
            return VarianceReportDocument(report: report, bound: ReportBound(head))
        }
    }

    /// `date` when it is a compared day the live tables hold, the newest such day when nil;
    /// otherwise a `ReportError` saying why there is no report.
    static func day(_ date: CalendarDate?, _ session: PostgresSession) throws -> CalendarDate {
        guard let date else {
            guard let newest = try VarianceReportQuery.newestComparedDate(session) else { throw ReportError("no day has completed runs of both vendors yet") }
            return newest
        }
        guard try VarianceReportQuery.isComparedDay(date, session) else {
            throw ReportError("\(date) is not a retained day on which both vendors completed a run (replay older days: inventory-hub replay)")
        }
        return date
    }

    public var title: String { "Variance report \(report.date)" }

    public var episodes: ReportTable {
        ReportTable(title: "Exceptions", columns: ExceptionJSON.columns.names, objects: report.episodes.map(ExceptionJSON.episode))
    }

    public var counts: ReportTable {
        ReportTable(title: "Devices", columns: ["date", "ninja", "threatlocker", "matched"], rows: [[
            .string(report.date.description), JSONValue(report.ninjaDevices), JSONValue(report.threatLockerDevices), JSONValue(report.matched),
        ]])
    }

    /// Episodes per type, every type listed.
    public var summary: ReportTable {
        let perType = Dictionary(grouping: report.episodes, by: \.type)
        return ReportTable(title: "Summary", columns: ["type", "episodes"], rows: ExceptionType.allCases.map { type in
            [.string(type.rawValue), JSONValue(perType[type.rawValue]?.count ?? 0)]
        })
    }

    /// Episodes per client and type, clients in name order.
    public var byClient: ReportTable {
        var perClient: [String: [String: Int]] = [:]
        for episode in report.episodes { perClient[episode.client ?? "(no client)", default: [:]][episode.type, default: 0] += 1 }
        let types = ExceptionType.allCases.map(\.rawValue)
        return ReportTable(title: "By client", columns: ["client"] + types + ["total"], rows: perClient.keys.sorted().map { client in
            let counts = types.map { perClient[client]?[$0] ?? 0 }
            return [.string(client)] + counts.map { JSONValue($0) } + [JSONValue(counts.reduce(0, +))]
        })
    }

    public func data(_ format: ReportFormat) throws -> Data {
        switch format {
        case .csv: return Data(episodes.csv().utf8)
        case .xlsx: return try XLSXWorkbook.data([counts, summary, byClient, episodes], title: title, createdAt: bound.recordedAt)
        case .pdf: return try pdf().data()
        }
    }

    func pdf() -> PDFReport {
        let listed = ReportTable(
            title: "Exceptions", columns: ["type", "hostname", "client", "date_found", "last_seen_date", "status"],
            objects: report.episodes.map(ExceptionJSON.episode))
        return PDFReport(
            title: title,
            lines: [
                "NinjaOne devices: \(report.ninjaDevices) · ThreatLocker devices: \(report.threatLockerDevices) · matched: \(report.matched)",
                "Exception episodes that held on \(report.date): \(report.episodes.count)",
                bound.line,
            ],
            sections: [
                .init(heading: "Summary by type", table: summary),
                .init(heading: "By client", table: byClient),
                .init(heading: "Exceptions", table: listed),
            ],
            footer: "ES Inventory Hub · \(title) · ledger seq \(bound.seq)", createdAt: bound.recordedAt)
    }
}
