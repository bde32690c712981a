import Foundation
import Hummingbird
import InventoryJSON
import PostgresClient
import Projections

/// A read-model query that lists rows a page at a time: every list route answers through
/// `APIServices.pagedGET`, so paging, totals, CSV and ETags work the same on each.
protocol PagedReadQuery: Sendable {
    associatedtype Row
    var limit: Int? { get set }
    var offset: Int { get set }
    func count(_ session: PostgresSession) throws -> Int
    func page(_ session: PostgresSession) throws -> [Row]
}

extension ExceptionEpisodeQuery: PagedReadQuery {
    func page(_ session: PostgresSession) throws -> [ExceptionEpisodeRow] { try rows(session) }
}

extension CountsQuery: PagedReadQuery {
    func page(_ session: PostgresSession) throws -> [CountsRow] { try rows(session) }
}

extension ChangeLogQuery: PagedReadQuery {
    func page(_ session: PostgresSession) throws -> [ChangeLogRow] { try rows(session) }
}

extension JobQuery: PagedReadQuery {
    func page(_ session: PostgresSession) throws -> [JobQuery.Batch] { try batches(session) }
}

extension APIServices {
    /// `limit`/`offset` and `format` from the request, the total and one page of `query`.
    func pagedGET<Query: PagedReadQuery>(
        _ request: Request, _ context: APIRequestContext, query: Query, columns: ListPage.Columns, title: String,
        version: ReadModelVersion = .readModels, json: @escaping @Sendable (Query.Row) -> JSONValue
    ) async throws -> Response {
        let parameters = RequestParameters(request)
        let page = try parameters.page()
        let format = try parameters.format()
        return try await cachedGET(request, context, version: version) { session in
            var query = query
            let total = try query.count(session)
            query.limit = page.limit
            query.offset = page.offset
            return try page.response(items: try query.page(session).map(json), total: total, columns: columns, format: format, title: title, session: session)
        }
    }
}
