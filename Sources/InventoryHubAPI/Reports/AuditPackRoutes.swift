import Collectors
import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Projections

/// `POST /api/audit-packs` starts building a month's audit pack (a replay of the month from the
/// ledger, 202 with the job); `GET /api/audit-packs` lists the packs built, with their bound and
/// files; `GET /api/audit-packs/{month}/{file}` downloads one file of a pack. Packs live in the
/// server's audit folder, one folder per month, replaced when the month is built again.
struct AuditPackRoutes {
    let services: APIServices

    static let jobName = "audit-pack"
    /// The files a pack may hold, so a download names nothing else in the folder.
    static let fileNames = ["month-end-counts.csv", "devices.csv", "exceptions.csv", "change-log.csv", "audit.xlsx", "summary.pdf", AuditPack.manifestName]

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { _, context in
            _ = try context.require(.viewer)
            return JSONResponse.make(["items": .array(try Self.packs(in: services.auditFolder).map(\.json))])
        }
        routes.post { request, context in
            let identity = try context.require(.viewer)
            let body = try await ExceptionRoutes.body(request, context)
            guard let month = body["month"]?.stringValue, AuditPack.month(month) != nil else {
                throw APIError.badBody("give the month as {\"month\": \"YYYY-MM\"}")
            }
            return try await start(month: month, requestedBy: identity.name)
        }
        routes.get(":month/:file") { _, context in
            _ = try context.require(.viewer)
            let month = try context.parameters.segment("month")
            let file = try context.parameters.segment("file")
            guard AuditPack.month(month) != nil else { throw APIError.badParameter("month", "'\(month)' is not a month like 2025-03") }
            guard Self.fileNames.contains(file) else {
                throw APIError.notFound("an audit pack holds \(Self.fileNames.joined(separator: ", ")), not '\(file)'")
            }
            let url = services.auditFolder.appendingPathComponent(month).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw APIError.notFound("no audit pack of \(month) has been built (POST /api/audit-packs)")
            }
            return JSONResponse.data(data, contentType: Self.contentType(file), filename: "audit-\(month)-\(file)")
        }
        return routes
    }

    /// Starts the job that builds `month`'s pack; 404 when the ledger holds no collection of
    /// that month, 409 while the month is being built already.
    func start(month: String, requestedBy name: String) async throws -> Response {
        let range = AuditPack.month(month)!
        guard try await services.pool.withSession({ try AuditPack.hasCollection(in: range, $0) }) else { throw APIError.notFound("the ledger holds no completed collection for \(month)") }
        let folder = services.auditFolder
        let logger = services.logger
        let tracker = try await services.startTrackedJob(
            jobName: Self.jobName, key: "audit-pack-\(month)", message: "audit pack of \(month) (requested by \(name))",
            busy: "the audit pack of \(month) is being built already"
        ) { tracker, connection in
            await Self.build(month: month, folder: folder, tracker: tracker, connection: connection, logger: logger)
        }
        return JSONResponse.make(["job_id": .string(tracker.jobID), "batch_id": .string(tracker.batchID), "status": "queued"], status: .accepted)
    }

    static func build(month: String, folder: URL, tracker: JobTracker, connection: PostgresConnection, logger: Logger) async {
        do {
            try await tracker.start(message: "replaying \(month) from the ledger")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let manifest = try await connection.withSession { session in
                try AuditPack(month: month).write(to: folder.appendingPathComponent(month), replace: true, session: session)
            }
            try await tracker.complete(message: "audit pack of \(month) built at ledger seq \(manifest.bound.seq): \(manifest.files.count + 1) files")
        } catch {
            logger.error("audit pack job failed: \(String(reflecting: error))")
            try? await tracker.fail(error: "the audit pack of \(month) could not be built: \(error)", message: "audit pack failed")
        }
        await connection.close()
    }

    struct Pack {
        var month: String
        var manifest: JSONValue

        var json: JSONValue {
            guard case .object(var fields) = manifest else { return manifest }
            fields["download"] = .string("/api/audit-packs/\(month)/")
            return .object(fields)
        }
    }

    /// The packs in `folder`, newest month first; folders without a readable manifest are skipped.
    static func packs(in folder: URL) throws -> [Pack] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { AuditPack.month($0) != nil }.sorted(by: >).compactMap { month in
            let url = folder.appendingPathComponent(month).appendingPathComponent(AuditPack.manifestName)
            guard let data = FileManager.default.contents(atPath: url.path), let manifest = try? JSONParser.parse(String(decoding: data, as: UTF8.self)) else {
                return nil
            }
            return Pack(month: month, manifest: manifest)
        }
    }

    /// The media type of a pack's file: its report format's, or JSON for the manifest.
    static func contentType(_ file: String) -> String {
        ReportFormat(rawValue: (file as NSString).pathExtension)?.contentType ?? "application/json; charset=utf-8"
    }
}
