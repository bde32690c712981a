import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import Logging
import PostgresClient
import Projections

/// How an exception episode reads in every response.
enum ExceptionJSON {
    static let columns = ListPage.Columns([
        "id", "type", "hostname", "client", "date_found", "last_seen_date", "status", "resolved", "resolution", "resolved_by", "resolved_at", "details",
    ])

    static func episode(_ row: ExceptionEpisodeRow) -> JSONValue {
        [
            "id": JSONValue(row.id), "type": .string(row.type), "hostname": .string(row.hostname), "client": JSONValue(row.client),
            "date_found": JSONValue(row.dateFound), "last_seen_date": JSONValue(row.lastSeenDate), "status": .string(row.status.rawValue),
            "resolved": .bool(row.resolved), "resolution": JSONValue(row.resolution), "resolved_by": JSONValue(row.resolvedBy),
            "resolved_at": JSONValue(timestamp: row.resolvedAt), "details": JSONValue(jsonText: row.details),
        ]
    }
}
