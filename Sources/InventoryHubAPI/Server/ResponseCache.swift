import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Synchronization

/// Responses by ETag. An ETag covers the read-model version and the URL, so a cached response
/// can never be stale: once a checkpoint moves, requests compute a new tag and miss.
final class ResponseCache: Sendable {
    private struct Entry {
        var response: Response
        var used: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = capacity }

    func response(for etag: String) -> Response? {
        state.withLock { state in
            guard var entry = state.entries[etag] else { return nil }
            state.clock += 1
            entry.used = state.clock
            state.entries[etag] = entry
            return entry.response
        }
    }

    func store(_ response: Response, for etag: String) {
        state.withLock { state in
            state.clock += 1
            state.entries[etag] = Entry(response: response, used: state.clock)
            if state.entries.count > capacity, let oldest = state.entries.min(by: { $0.value.used < $1.value.used })?.key {
                state.entries[oldest] = nil
            }
        }
    }
}
