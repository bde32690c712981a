import Foundation
import InventoryJSON
import Ledger
import PostgresClient

/// Resolves exception episodes: one `exception_resolved` ledger event per episode, all of them
/// appended in one transaction through the ledger's one append path, then the exceptions
/// projection caught up so the caller reads them resolved. The actor is whoever the caller
/// authenticated (the API token's name, the CLI's `--by`), never a field of a request body.
public struct ExceptionResolver {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unknown(Int)
        case alreadyClosed(id: Int, resolution: String)
        case noEpisodes
        case badNote(String)

        public var description: String {
            switch self {
            case .unknown(let id): return "no exception episode has id \(id)"
            case .alreadyClosed(let id, let resolution): return "exception \(id) is already closed (\(resolution))"
            case .noEpisodes: return "no exception ids were given"
            case .badNote(let reason): return reason
            }
        }
    }

    /// A resolution event of an episode, as the ledger recorded it.
    public struct Resolution: Sendable, Hashable {
        public var seq: Int64
        public var resolvedBy: String
        public var recordedAt: Date
        public var note: String?
        public var dateFound: String
    }

    let session: PostgresSession

    public init(session: PostgresSession) { self.session = session }

    public static let maximumNoteLength = 2_000

    /// Resolves `ids` (each at most once) and returns the episodes as the caught-up read model
    /// holds them. Nothing is appended when any id is unknown or already closed.
    public func resolve(ids: [Int], by actor: String, note: String?) throws -> [ExceptionEpisodeRow] {
        var unique: [Int] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        guard !unique.isEmpty else { throw Failure.noEpisodes }
        if let note, note.count > Self.maximumNoteLength { throw Failure.badNote("a note is at most \(Self.maximumNoteLength) characters") }
        let cleanNote = note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let appended = try session.transaction {
            let episodes = Dictionary(uniqueKeysWithValues: try ExceptionEpisodeQuery.episodes(ids: unique, session).map { ($0.id, $0) })
            let drafts = try unique.map { id -> LedgerEventDraft in
                guard let episode = episodes[id] else { throw Failure.unknown(id) }
                if let resolution = episode.resolution { throw Failure.alreadyClosed(id: id, resolution: resolution) }
                return LedgerEventDraft(
                    eventType: LedgerEventType.exceptionResolved, vendorID: nil, observedOn: episode.dateFound,
                    subject: "\(episode.type):\(episode.hostname)",
                    payload: LedgerPayload.exceptionResolved(
                        type: episode.type, key: episode.hostname, dateFound: episode.dateFound.description, resolvedBy: actor, note: cleanNote))
            }
            return try Ledger(session: session).append(LedgerRun(vendorID: nil, observedOn: drafts.first?.observedOn, events: drafts, completion: nil))
        }
        // Appended inside our own transaction, the digest waits for its COMMIT.
        if !session.isInTransaction { _ = Ledger(session: session).writeDigest(appended.head) }
        _ = try ProjectionEngine(session: session).catchUp([.exceptions])
        return try ExceptionEpisodeQuery.episodes(ids: unique, session)
    }

    /// The resolution events recorded for an episode, oldest first.
    public func resolutions(of episode: ExceptionEpisodeRow) throws -> [Resolution] {
        let seqs = try session.query("""
            SELECT seq FROM ledger_event WHERE event_type = 'exception_resolved' AND subject = \("\(episode.type):\(episode.hostname)") ORDER BY seq
            """).map { Int64(try $0.decode(Int.self, 0)) }
        var result: [Resolution] = []
        for seq in seqs {
            try Ledger(session: session).forEachEvent(after: seq - 1, filter: LedgerFilter(maxSeq: seq)) { event in
                guard let payload = try? JSONParser.parse(event.payload), payload["dateFound"]?.stringValue == episode.dateFound.description else { return }
                result.append(Resolution(
                    seq: event.seq, resolvedBy: payload["resolvedBy"]?.stringValue ?? "unknown", recordedAt: event.recordedAt,
                    note: payload["note"]?.stringValue, dateFound: episode.dateFound.description))
            }
        }
        return result
    }
}
