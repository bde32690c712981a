import Foundation

/// The measured figures, printed as a table for people and as JSON for the README and CI.
struct BenchResults {
    let ninjaDevices: Int
    let threatLockerDevices: Int
    let days: Int
    var cores = 0
    var postgres = ""
    /// (name, value) of `settingNames` on the server the bench ran against.
    var settings: [(String, String)] = []
    static let settingNames = [
        "shared_buffers", "maintenance_work_mem", "max_wal_size", "checkpoint_timeout", "work_mem", "synchronous_commit", "fsync",
    ]
    var ledgerEvents = 0
    var appendEventsPerSecond = 0.0
    var rawCopyLedgerRowsPerSecond = 0.0
    /// Into a table with `ledger_event`'s indexes and foreign keys, as the append writes.
    var rawCopyIndexedLedgerRowsPerSecond = 0.0
    var rawBytesPerEvent = 0.0
    var storedBytesPerEvent = 0.0
    var storageRatioWithoutDictionary = 0.0
    var rebuildSeconds = 0.0
    /// The rebuild that filled the empty live tables (its diff had nothing to compare).
    var firstRebuildSeconds = 0.0
    var rebuildEventsPerSecond = 0.0
    var snapshotRows = 0
    var rawCopySnapshotSeconds = 0.0
    var rawCopySnapshotWithKeysSeconds = 0.0
    var rebuildExceptionsSeconds = 0.0
    var rebuildChangeLogSeconds = 0.0
    var catchUpSeconds = 0.0
    var replaySeconds = 0.0
    var verifyEventsPerSecond = 0.0
    var api: [APIBench.Figure] = []
    var pages: [APIBench.PageFigure] = []

    var appendRatio: Double { appendEventsPerSecond / rawCopyLedgerRowsPerSecond }
    var appendRatioIndexed: Double { appendEventsPerSecond / rawCopyIndexedLedgerRowsPerSecond }
    var storageRatio: Double { rawBytesPerEvent / storedBytesPerEvent }
    var rebuildRatio: Double { rebuildSeconds / rawCopySnapshotSeconds }
    var rebuildRatioWithKeys: Double { rebuildSeconds / rawCopySnapshotWithKeysSeconds }
    /// Issue 13: a 31-day month within 31/65 of the full rebuild's time, × 1.2.
    var replayTarget: Double { Double(min(31, days)) / Double(max(days, 1)) * rebuildSeconds * 1.2 }

    func print(jsonOnly: Bool) throws {
        let document: [String: Any] = [
            "machine": ["cores": cores, "postgres": postgres, "settings": Dictionary(uniqueKeysWithValues: settings)],
            "fleet": ["ninjaDevices": ninjaDevices, "threatLockerDevices": threatLockerDevices, "days": days, "ledgerEvents": ledgerEvents],
            "append": ["eventsPerSecond": appendEventsPerSecond.rounded(), "rawCopyRowsPerSecond": rawCopyLedgerRowsPerSecond.rounded(), "ratioToRawCopy": round2(appendRatio),
                       "rawCopyIndexedRowsPerSecond": rawCopyIndexedLedgerRowsPerSecond.rounded(), "ratioToRawCopyIndexed": round2(appendRatioIndexed)],
            "storage": ["rawJsonBytesPerEvent": rawBytesPerEvent.rounded(), "storedBytesPerEvent": storedBytesPerEvent.rounded(), "ratioWithDictionaries": round2(storageRatio), "ratioWithoutDictionary": round2(storageRatioWithoutDictionary)],
            "rebuild": ["seconds": round2(rebuildSeconds), "intoEmptyTablesSeconds": round2(firstRebuildSeconds), "eventsPerSecond": rebuildEventsPerSecond.rounded(), "snapshotRows": snapshotRows, "rawCopySnapshotSeconds": round2(rawCopySnapshotSeconds), "ratioToRawCopy": round2(rebuildRatio),
                        "rawCopySnapshotWithForeignKeysSeconds": round2(rawCopySnapshotWithKeysSeconds), "ratioToRawCopyWithForeignKeys": round2(rebuildRatioWithKeys),
                        "exceptionsAloneSeconds": round2(rebuildExceptionsSeconds), "changeLogAloneSeconds": round2(rebuildChangeLogSeconds)],
            "catchUp": ["secondsForOneDay": round2(catchUpSeconds)],
            "replay": ["secondsFor31Days": round2(replaySeconds), "targetSeconds": round2(replayTarget)],
            "verify": ["eventsPerSecond": verifyEventsPerSecond.rounded()],
            "pages": pages.map { figure -> [String: Any] in
                [
                    "path": figure.path, "loads": figure.loads, "errors": figure.errors, "p50Milliseconds": round2(figure.p50Milliseconds),
                    "p99Milliseconds": round2(figure.p99Milliseconds), "bytes": figure.bytes,
                ]
            },
            "api": api.map { figure -> [String: Any] in
                [
                    "route": figure.route, "requests": figure.requests, "errors": figure.errors, "requestsPerSecond": figure.requestsPerSecond.rounded(),
                    "p50Milliseconds": round2(figure.p50Milliseconds), "p99Milliseconds": round2(figure.p99Milliseconds),
                    "firstRequestMilliseconds": round2(figure.firstMilliseconds), "connections": 16,
                ]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        Swift.print(String(decoding: data, as: UTF8.self))
        guard !jsonOnly else { return }
        let rows: [(String, String, String)] = [
            ("append", "\(Int(appendEventsPerSecond)) events/s", "\(round2(appendRatio))× raw COPY (\(Int(rawCopyLedgerRowsPerSecond)) rows/s), \(round2(appendRatioIndexed))× into a table with the ledger's indexes and foreign keys (\(Int(rawCopyIndexedLedgerRowsPerSecond)) rows/s); target ≥ 0.8×"),
            ("storage", "\(Int(storedBytesPerEvent)) B/event stored, \(Int(rawBytesPerEvent)) B raw", "\(round2(storageRatio))× with dictionaries, \(round2(storageRatioWithoutDictionary))× without; target ≥ 4×"),
            ("rebuild", "\(round2(rebuildSeconds)) s, \(Int(rebuildEventsPerSecond)) events/s, over full live tables (into empty ones: \(round2(firstRebuildSeconds)) s)",
             "\(round2(rebuildRatio))× raw COPY of \(snapshotRows) snapshot rows into the indexed table (\(round2(rawCopySnapshotSeconds)) s), \(round2(rebuildRatioWithKeys))× with its foreign keys (\(round2(rawCopySnapshotWithKeysSeconds)) s); target ≤ 1.5×"),
            ("rebuild, exceptions alone", "\(round2(rebuildExceptionsSeconds)) s", "target ≤ 10 s"),
            ("rebuild, change_log alone", "\(round2(rebuildChangeLogSeconds)) s", "target ≤ 10 s"),
            ("catch-up", "\(round2(catchUpSeconds)) s", "one new day of \(ninjaDevices + threatLockerDevices) devices; target ≤ 1.0 s at 18,000"),
            ("replay", "\(round2(replaySeconds)) s", "31 days into a scratch schema; target ≤ \(round2(replayTarget)) s (31/65 of the rebuild × 1.2)"),
            ("verify", "\(Int(verifyEventsPerSecond)) events/s", "target ≥ 300,000 events/s"),
        ]
        Swift.print("\n\(cores) cores, PostgreSQL \(postgres), \(ledgerEvents) ledger events")
        Swift.print("server settings: " + settings.map { "\($0.0)=\($0.1)" }.joined(separator: ", "))
        Swift.print("| measure | result | against the bound |\n|---|---|---|")
        for (name, result, bound) in rows { Swift.print("| \(name) | \(result) | \(bound) |") }
        if !pages.isEmpty {
            Swift.print("\n| dashboard page (\(pages[0].loads) sequential loads) | p50 | p99 | size | errors | target p99 < 300 ms |\n|---|---|---|---|---|---|")
            for figure in pages {
                Swift.print("| `\(figure.path)` | \(round2(figure.p50Milliseconds)) ms | \(round2(figure.p99Milliseconds)) ms | \(figure.bytes / 1024) KiB | \(figure.errors) | \(figure.p99Milliseconds < 300 ? "met" : "MISSED") |")
            }
        }
        if !api.isEmpty {
            Swift.print("\n| API route (16 connections) | requests/s | p50 | p99 | first request | errors |\n|---|---|---|---|---|---|")
            for figure in api {
                Swift.print("| `\(figure.route)` | \(Int(figure.requestsPerSecond)) | \(round2(figure.p50Milliseconds)) ms | \(round2(figure.p99Milliseconds)) ms | \(round2(figure.firstMilliseconds)) ms | \(figure.errors) |")
            }
        }
    }

    private func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
