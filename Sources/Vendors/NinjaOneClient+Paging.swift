import InventoryJSON

extension NinjaOneClient {
    /// `GET /v2/organizations`, all pages.
    public func fetchOrganizations(progress: CollectionProgressHandler? = nil) async throws -> [JSONValue] {
        try await fetchAllPages(of: "/v2/organizations", stage: .organizations, progress: progress)
    }

    /// `GET /v2/locations`, all pages.
    public func fetchLocations(progress: CollectionProgressHandler? = nil) async throws -> [JSONValue] {
        try await fetchAllPages(of: "/v2/locations", stage: .locations, progress: progress)
    }

    /// `GET /v2/devices-detailed`, all pages.
    public func fetchDevices(progress: CollectionProgressHandler? = nil) async throws -> [JSONValue] {
        try await fetchAllPages(of: "/v2/devices-detailed", stage: .devices, progress: progress)
    }

    /// Cursor paging: `?pageSize=N&after=LAST_ID` until a page shorter than N (an empty page
    /// after a full one included). Each item must be an object with an integer `id`, and ids
    /// must grow from page to page, or the run would loop or silently miss devices.
    func fetchAllPages(of path: String, stage: CollectionProgress.Stage, progress: CollectionProgressHandler?) async throws -> [JSONValue] {
        let pageSize = configuration.pageSize
        var items: [JSONValue] = []
        var cursor: Int?
        var pages = 0
        while true {
            var query = [("pageSize", String(pageSize))]
            if let cursor { query.append(("after", String(cursor))) }
            let (request, response, body) = try await getJSON(path, query: query)
            let page: [JSONValue]
            do {
                page = try JSONShape.identifiedObjects(body, at: "response")
            } catch {
                throw transport.shapeError(error, response, for: request)
            }
            pages += 1
            items.append(contentsOf: page)
            progress?(CollectionProgress(vendor: .ninjaOne, stage: stage, pagesFetched: pages, itemsFetched: items.count))
            guard page.count >= pageSize, let last = page.last.flatMap(JSONShape.id(of:)) else { return items }
            if let cursor, last <= cursor {
                throw VendorError(
                    vendor: .ninjaOne, endpoint: request.endpoint, status: response.status,
                    reason: .pagingStalled("page \(pages) ends at id \(last), not after \(cursor)"))
            }
            cursor = last
        }
    }
}
