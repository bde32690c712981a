import Foundation
import HTTPTypes
import Hummingbird
import InventoryJSON
import InventoryRules
import Logging
import PostgresClient
import Projections

/// The exceptions work queue: list with filters, one episode with its history, and resolving
/// (technician), which appends `exception_resolved` events with the token's name as the actor.
struct ExceptionRoutes {
    let services: APIServices

    func collection() -> RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get { request, context in
            let parameters = RequestParameters(request)
            let query = ExceptionEpisodeQuery(
                type: try parameters.choice("type", ExceptionType.self), status: try parameters.choice("status", ExceptionEpisodeQuery.Status.self) ?? .all,
                heldOn: try parameters.date("date"), client: try parameters.text("client"), hostname: try parameters.text("hostname"))
            return try await services.pagedGET(request, context, query: query, columns: ExceptionJSON.columns, title: "Exceptions", json: ExceptionJSON.episode)
        }
        routes.get(":id") { request, context in
            let id = try Self.id(context)
            return try await services.cachedGET(request, context) { session in
                guard let episode = try ExceptionEpisodeQuery.episode(id: id, session) else { throw APIError.notFound("no exception episode has id \(id)") }
                return JSONResponse.make(try Self.detail(episode, session))
            }
        }
        routes.post(":id/resolve") { request, context in
            let identity = try context.require(.technician)
            let id = try Self.id(context)
            let body = try await Self.body(request, context)
            let note = try Self.note(body)
            let episodes = try await resolve([id], by: identity, note: note)
            return JSONResponse.make(try await services.pool.withSession { session in try Self.detail(episodes[0], session) })
        }
        routes.post("resolve") { request, context in
            let identity = try context.require(.technician)
            let body = try await Self.body(request, context)
            guard let ids = body["ids"]?.arrayValue, !ids.isEmpty, ids.count <= 1000 else {
                throw APIError.badBody("ids must be a list of 1 to 1000 exception ids")
            }
            let numbers = try ids.map { value -> Int in
                guard let id = value.intValue, id > 0 else { throw APIError.badBody("ids must hold whole positive numbers") }
                return id
            }
            let note = try Self.note(body)
            let episodes = try await resolve(numbers, by: identity, note: note)
            return JSONResponse.make(["items": .array(episodes.map(ExceptionJSON.episode)), "total": JSONValue(episodes.count)])
        }
        return routes
    }

    private func resolve(_ ids: [Int], by identity: APIIdentity, note: String?) async throws -> [ExceptionEpisodeRow] {
        do {
            return try await services.pool.withSession { session in
                try ExceptionResolver(session: session).resolve(ids: ids, by: identity.name, note: note)
            }
        } catch let failure as ExceptionResolver.Failure {
            switch failure {
            case .unknown: throw APIError.notFound(failure.description)
            case .alreadyClosed: throw APIError.conflict(failure.description)
            case .noEpisodes, .badNote: throw APIError.badBody(failure.description)
            }
        }
    }

    static func id(_ context: APIRequestContext) throws -> Int {
        let raw = try context.parameters.segment("id")
        guard let id = Int(raw), id > 0 else { throw APIError.badParameter("id", "'\(raw)' is not an exception id") }
        return id
    }

    /// The request body as a JSON object (an empty body counts as `{}`).
    static func body(_ request: Request, _ context: APIRequestContext) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let bytes = Array(buffer.readableBytesView)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        guard let value = try? JSONParser.parse(bytes), value.objectValue != nil else {
            throw APIError.badBody("the body must be a JSON object")
        }
        return value
    }

    static func note(_ body: JSONValue) throws -> String? {
        switch body["note"] {
        case nil, .null?: return nil
        case .string(let note)?:
            guard note.count <= ExceptionResolver.maximumNoteLength else { throw APIError.badBody("note is at most \(ExceptionResolver.maximumNoteLength) characters") }
            return note
        default: throw APIError.badBody("note must be text")
        }
    }

    /// The episode with every day it held and its resolution events from the ledger.
    static func detail(_ episode: ExceptionEpisodeRow, _ session: PostgresSession) throws -> JSONValue {
        var json = ExceptionJSON.episode(episode)
        guard case .object(var object) = json else { return json }
        object["days_held"] = .array(try ExceptionEpisodeQuery.daysHeld(episode, session).map { JSONValue($0) })
        object["resolutions"] = .array(try ExceptionResolver(session: session).resolutions(of: episode).map { resolution in
            ["seq": JSONValue(Int(resolution.seq)), "resolved_by": .string(resolution.resolvedBy),
             "recorded_at": JSONValue(timestamp: resolution.recordedAt), "note": JSONValue(resolution.note)]
        })
        json = .object(object)
        return json
    }
}
