import Collectors
import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Ledger
import Logging
import PostgresClient
import Projections

/// `GET /api/ledger`: head seq, head chain hash, events, the last verification;
/// `POST /api/ledger/verify` (admin): starts a verification job and answers 202 with its id.
struct LedgerRoutes {
    let services: APIServices

    static let verifyJobName = "verify"

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            try await services.cachedGET(request, context, version: .jobs) { session in
                let head = try Ledger(session: session).head()
                let verification = try JobQuery.latestRun(named: Self.verifyJobName, session)
                return JSONResponse.make([
                    "head_seq": JSONValue(Int(head?.seq ?? 0)), "head_chain_sha256": head.map { .string($0.chainHex) } ?? .null,
                    "head_recorded_at": JSONValue(timestamp: head?.recordedAt), "events": JSONValue(Int(head?.events ?? 0)),
                    "last_verification": verification.map(JobRoutes.json) ?? .null,
                ])
            }
        }
        routes.post("verify") { _, context in
            let identity = try context.require(.admin)
            let tracker = try await services.startTrackedJob(
                jobName: Self.verifyJobName, key: "verify", message: "verify the ledger (requested by \(identity.name))",
                busy: "a verification is already running"
            ) { tracker, connection in
                await Self.verify(tracker: tracker, connection: connection, logger: services)
            }
            return JSONResponse.make(["job_id": .string(tracker.jobID), "batch_id": .string(tracker.batchID), "status": "queued"], status: .accepted)
        }
        return routes
    }

    static func verify(tracker: JobTracker, connection: PostgresConnection, logger services: APIServices) async {
        do {
            try await tracker.start(message: "recomputing payload hashes and the chain")
            guard let log = LedgerDigestLog.configured else {
                let report = try await connection.withSession { try LedgerVerifier(session: $0).verify() }
                if report.isIntact {
                    try await tracker.complete(message: "ledger chain consistent: \(report.verifiedCount) events verified; no digest folder is configured, so a rewritten or truncated ledger cannot be told apart")
                } else {
                    try await tracker.fail(error: "ledger NOT intact at seq \(report.firstBadSeq ?? 0): \(report.reason ?? "")", message: "verification failed")
                }
                await connection.close()
                return
            }
            let digested = try await connection.withSession { try LedgerVerifier(session: $0).verify(digests: log) }
            let report = digested.chain
            if !report.isIntact {
                try await tracker.fail(error: "ledger NOT intact at seq \(report.firstBadSeq ?? 0): \(report.reason ?? "")", message: "verification failed")
            } else if digested.digests.status == .failed {
                let first = digested.digests.failures.first
                try await tracker.fail(
                    error: "a ledger digest does not match: \(first.map { "\($0.file) line \($0.line), seq \($0.seq.map(String.init) ?? "?"): \($0.message)" } ?? "")",
                    message: "verification failed")
            } else if digested.isProven {
                try await tracker.complete(message: "ledger intact: \(report.verifiedCount) events verified, \(digested.digests.checked) digests hold")
            } else {
                try await tracker.complete(message: "ledger chain consistent: \(report.verifiedCount) events verified; digests \(digested.digests.status.rawValue) in \(log.folder.path)")
            }
        } catch {
            services.logger.error("verification job failed: \(String(reflecting: error))")
            try? await tracker.fail(error: "the verification could not run: \(error)", message: "verification failed")
        }
        await connection.close()
    }
}
