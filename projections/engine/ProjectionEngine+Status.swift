import Foundation
import Ledger

extension ProjectionEngine {
    public struct Status: Sendable {
        public let projection: ProjectionName
        public let checkpoint: Int64
        public let headSeq: Int64
        public let storedVersion: Int
        public let updatedAt: Date?
        public let lastRunSeconds: Double?
    }

    public func status() throws -> [Status] {
        let head = try Ledger(session: session).headSeq()
        let checkpoints = ProjectionCheckpoints(session: session)
        return try ProjectionName.allCases.map { projection in
            let entry = try checkpoints.storedEntry(projection)
                ?? .init(projection: projection, version: projection.version, lastSeq: 0, updatedAt: nil, lastRunSeconds: nil)
            return Status(
                projection: projection, checkpoint: entry.lastSeq, headSeq: head, storedVersion: entry.version,
                updatedAt: entry.lastSeq == 0 ? nil : entry.updatedAt, lastRunSeconds: entry.lastRunSeconds)
        }
    }
}
