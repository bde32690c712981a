import Crypto
import Foundation
import InventoryJSON
import Ledger
import PostgresClient
import Projections
import ReportWriters

/// The auditor's month, replayed from the ledger alone up to a seq bound and written as files:
/// month-end counts by client, the device list of the month's last snapshot day, the exception
/// episodes that held in the month (as the live table had them), the month's change log, all
/// four again as one workbook, a PDF summary, and `manifest.json` with the bound (seq, chain
/// hash, time) and the SHA-256 of every file. The same month and bound give the same bytes.
public struct AuditPack: Sendable {
    public struct File: Sendable, Hashable {
        public var name: String
        public var bytes: Int
        public var sha256: String
        /// Data rows, for the CSV files.
        public var rows: Int?
    }

    public struct Manifest: Sendable {
        public var month: String
        public var range: ClosedRange<CalendarDate>
        public var lastSnapshotDate: CalendarDate?
        public var bound: ReportBound
        public var files: [File]

        /// manifest.json's text (canonical JSON: sorted keys, one line).
        public var jsonText: String { CanonicalJSONWriter.string(json) }

        public var json: JSONValue {
            [
                "kind": "inventory-hub audit pack",
                "month": .string(month), "from": JSONValue(range.lowerBound), "to": JSONValue(range.upperBound),
                "last_snapshot_date": JSONValue(lastSnapshotDate), "ledger": bound.json,
                "files": .array(files.map { file in
                    ["name": .string(file.name), "bytes": JSONValue(file.bytes), "sha256": .string(file.sha256), "rows": JSONValue(file.rows)]
                }),
            ]
        }
    }

    public static let manifestName = "manifest.json"

    /// The month of `YYYY-MM`, or nil.
    public static func month(_ text: String) -> ClosedRange<CalendarDate>? {
        guard text.count == 7, let first = CalendarDate(text + "-01"), first.description == text + "-01" else { return nil }
        return first...first.endOfMonth
    }

    /// Whether the ledger (up to `seq`, when given) holds a completed collection of a day in `range`.
    static func hasCollection(in range: ClosedRange<CalendarDate>, upTo seq: Int64? = nil, _ session: PostgresSession) throws -> Bool {
        var query: PostgresQuery = """
            SELECT EXISTS (SELECT 1 FROM ledger_event WHERE event_type = 'collection_completed'
              AND observed_on BETWEEN \(range.lowerBound) AND \(range.upperBound)
            """
        if let seq { query.append(" AND seq <= \(Int(seq))") }
        query.append(")")
        return try session.query(query)[0].decode(Bool.self, 0)
    }

    public var month: String
    /// The highest seq the pack may see; nil is the ledger's head when it is built.
    public var maxSeq: Int64?

    public init(month: String, maxSeq: Int64? = nil) {
        self.month = month
        self.maxSeq = maxSeq
    }

    /// Replays the month into a scratch schema (dropped afterwards), writes the files into a
    /// new folder beside `directory` and moves it into place only when every file is written: a
    /// failure leaves no half pack. `directory` must not exist unless `replace` is set.
    public func write(
        to directory: URL, replace: Bool = false, session: PostgresSession, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> Manifest {
        guard let range = Self.month(month) else { throw ReportError("'\(month)' is not a month like 2025-03") }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: directory.path) {
            let contents = (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []
            guard replace || contents.isEmpty else {
                throw ReportError("\(directory.path) already exists and is not empty (use --replace to overwrite it)")
            }
        }
        let ledger = Ledger(session: session)
        guard let head = try ledger.head() else { throw ReportError("the ledger is empty: collect first (inventory-hub collect)") }
        let boundSeq = min(maxSeq ?? head.seq, head.seq)
        guard let boundEvent = try ledger.head(atSeq: boundSeq) else { throw ReportError("the ledger has no event \(boundSeq)") }
        let bound = ReportBound(boundEvent)
        guard try Self.hasCollection(in: range, upTo: boundSeq, session) else {
            throw ReportError("the ledger holds no completed collection for \(month) up to seq \(boundSeq)")
        }

        let schema = "inventory_audit_\(ProcessInfo.processInfo.processIdentifier)_\(UUID().uuidString.prefix(8).lowercased())"
        defer { _ = try? session.execute("DROP SCHEMA IF EXISTS \(PostgresQuery.quoteIdentifier(schema)) CASCADE") }
        _ = try Replayer(session: session).replay(.init(range: range, maxSeq: boundSeq), into: schema, replace: true, progress: progress)
        let tables = try session.readOnlySnapshot {
            try session.execute("SET LOCAL search_path = \(PostgresQuery.quoteIdentifier(schema)), public")
            return try Self.tables(range: range, session: session)
        }

        let staging = directory.deletingLastPathComponent().appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        var moved = false
        defer { if !moved { try? fileManager.removeItem(at: staging) } }
        var files: [File] = []
        func add(_ name: String, _ data: Data, rows: Int? = nil) throws {
            try data.write(to: staging.appendingPathComponent(name))
            files.append(File(name: name, bytes: data.count, sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(), rows: rows))
        }
        for (name, table) in [
            ("month-end-counts.csv", tables.monthEnd), ("devices.csv", tables.devices), ("exceptions.csv", tables.exceptions), ("change-log.csv", tables.changes),
        ] {
            try add(name, Data(table.csv().utf8), rows: table.rows.count)
        }
        let title = "Audit pack \(month)"
        try add("audit.xlsx", try XLSXWorkbook.data(
            [tables.monthEnd, tables.devices, tables.exceptions, tables.changes], title: title, createdAt: bound.recordedAt))
        try add("summary.pdf", try Self.summary(title: title, range: range, tables: tables, bound: bound).data())
        let manifest = Manifest(month: month, range: range, lastSnapshotDate: tables.lastSnapshotDate, bound: bound, files: files)
        try Data((manifest.jsonText + "\n").utf8).write(to: staging.appendingPathComponent(Self.manifestName))

        if fileManager.fileExists(atPath: directory.path) { try fileManager.removeItem(at: directory) }
        try fileManager.moveItem(at: staging, to: directory)
        moved = true
        return manifest
    }

    struct Tables {
        var monthEnd: ReportTable
        var devices: ReportTable
        var exceptions: ReportTable
        var changes: ReportTable
        var lastSnapshotDate: CalendarDate?
    }

    /// The pack's tables, read through the API's own queries and columns from whatever schema
    /// the search path puts first (the replay's).
    static func tables(range: ClosedRange<CalendarDate>, session: PostgresSession) throws -> Tables {
        let monthEnd = try CountsQuery(table: .monthEnd, from: range.lowerBound, to: range.upperBound).rows(session).map(CountsRoutes.json)
        let last = try DeviceQuery.newestDate(session)
        let devices = try last.map { date in
            try DeviceQuery(date: date).groups(session).flatMap { group in group.devices.map { DeviceRoutes.record($0, key: group.key, date: date) } }
        } ?? []
        let episodes = try ExceptionEpisodeQuery(status: .all).rows(session).map(ExceptionJSON.episode)
        let changes = try ChangeLogQuery(from: range.lowerBound, to: range.upperBound).rows(session).map(ChangeLogRoutes.json)
        return Tables(
            monthEnd: ReportTable(title: "Month-end counts", columns: CountsRoutes.columns.names, objects: monthEnd),
            devices: ReportTable(title: "Devices", columns: DeviceRoutes.recordColumns.names, objects: devices),
            exceptions: ReportTable(title: "Exceptions", columns: ExceptionJSON.columns.names, objects: episodes),
            changes: ReportTable(title: "Change log", columns: ChangeLogRoutes.columns.names, objects: changes),
            lastSnapshotDate: last)
    }

    static func summary(title: String, range: ClosedRange<CalendarDate>, tables: Tables, bound: ReportBound) -> PDFReport {
        func count(_ table: ReportTable, where column: String, equals value: String) -> Int {
            guard let index = table.columns.firstIndex(of: column) else { return 0 }
            return table.rows.filter { ReportTable.text($0[index]) == value }.count
        }
        var perType: [String: (episodes: Int, open: Int)] = [:]
        let typeIndex = tables.exceptions.columns.firstIndex(of: "type")!
        let statusIndex = tables.exceptions.columns.firstIndex(of: "status")!
        for row in tables.exceptions.rows {
            let type = ReportTable.text(row[typeIndex])
            perType[type, default: (0, 0)].episodes += 1
            if ReportTable.text(row[statusIndex]) == "open" { perType[type, default: (0, 0)].open += 1 }
        }
        let exceptionSummary = ReportTable(title: "Exceptions", columns: ["type", "episodes", "open at the bound"], rows: perType.keys.sorted().map {
            [.string($0), JSONValue(perType[$0]!.episodes), JSONValue(perType[$0]!.open)]
        })
        var perMetric: [String: (days: Int, net: Int)] = [:]
        let metricIndex = tables.changes.columns.firstIndex(of: "metric")!
        let vendorIndex = tables.changes.columns.firstIndex(of: "vendor")!
        let deltaIndex = tables.changes.columns.firstIndex(of: "delta")!
        for row in tables.changes.rows {
            let key = ReportTable.text(row[vendorIndex]) + " " + ReportTable.text(row[metricIndex])
            let delta = Int(ReportTable.text(row[deltaIndex])) ?? 0
            perMetric[key, default: (0, 0)].net += delta
            if delta != 0 { perMetric[key, default: (0, 0)].days += 1 }
        }
        let changeSummary = ReportTable(title: "Change log", columns: ["vendor and metric", "days with a change", "net change"], rows: perMetric.keys.sorted().map {
            [.string($0), JSONValue(perMetric[$0]!.days), JSONValue(perMetric[$0]!.net)]
        })
        return PDFReport(
            title: title,
            lines: [
                "Replayed from the ledger alone: snapshot days \(range.lowerBound) to \(range.upperBound); last snapshot day \(tables.lastSnapshotDate?.description ?? "none").",
                bound.line,
                "Devices on the last snapshot day: \(count(tables.devices, where: "vendor", equals: "ninja")) NinjaOne, \(count(tables.devices, where: "vendor", equals: "threatlocker")) ThreatLocker.",
                "Files of the pack and their SHA-256: manifest.json.",
            ],
            sections: [
                .init(heading: "Month-end counts by client", table: tables.monthEnd),
                .init(heading: "Exception episodes that held in the month", table: exceptionSummary),
                .init(heading: "Change log", table: changeSummary),
            ],
            footer: "ES Inventory Hub · \(title) · ledger seq \(bound.seq)", createdAt: bound.recordedAt)
    }
}
