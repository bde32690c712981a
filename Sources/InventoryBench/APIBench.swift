import AsyncHTTPClient
import Foundation
import InventoryHubAPI
import Logging
import NIOCore
import NIOHTTP1
import PostgresClient

/// The API under load: `inventory-hub serve`'s router on a loopback port in this process,
/// `connections` clients each sending requests back to back for `seconds` per route, measured
/// on the client (so the figures include HTTP on loopback, not only the server's work).
struct APIBench {
    struct Figure: Sendable {
        var route: String
        var requests: Int
        var errors: Int
        var requestsPerSecond: Double
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        /// The first request of the route (nothing cached yet).
        var firstMilliseconds: Double
    }

    /// A dashboard page loaded `loads` times one after the other by a signed-in browser session.
    struct PageFigure: Sendable {
        var path: String
        var loads: Int
        var errors: Int
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        var bytes: Int
    }

    let conninfo: String
    let connections: Int
    let seconds: Double
    var pageLoads = 50

    func run(routes: [String], pages: [String] = []) async throws -> (routes: [Figure], pages: [PageFigure]) {
        var logger = Logger(label: "inventory-bench.api")
        logger.logLevel = .error
        let setup = try PostgresSession(conninfo: conninfo)
        _ = try? APITokenStore().revoke(name: "bench", setup)
        let token = try APITokenStore().create(name: "bench", role: .viewer, setup)
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 8, logger: logger)
        let server = APIServer(host: "127.0.0.1", port: 0, services: APIServices(pool: pool, logger: logger), logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let serving = Task { try await server.run(gracefulShutdownSignals: []) { port in continuation.yield(port) } }
        var bound = 0
        for await port in ports {
            bound = port
            break
        }
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(60), read: .seconds(60)))
        configuration.redirectConfiguration = .disallow  // the sign-in's 303 carries the cookie
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var figures: [Figure] = []
        var pageFigures: [PageFigure] = []
        do {
            if !pages.isEmpty {
                let cookie = try await signIn(client: client, base: "http://127.0.0.1:\(bound)", token: token)
                for page in pages {
                    pageFigures.append(try await load(client: client, url: "http://127.0.0.1:\(bound)\(page)", cookie: cookie, path: page))
                }
            }
            for route in routes {
                do {
                    figures.append(try await measure(client: client, url: "http://127.0.0.1:\(bound)\(route)", token: token, route: route))
                } catch {
                    // One slow route must not cost the figures of the whole run: it is reported.
                    figures.append(Figure(route: route + " (failed: \(error))", requests: 0, errors: 1, requestsPerSecond: 0, p50Milliseconds: .nan, p99Milliseconds: .nan, firstMilliseconds: .nan))
                }
            }
        } catch {
            try? await client.shutdown()
            serving.cancel()
            throw error
        }
        try await client.shutdown()
        serving.cancel()
        _ = await serving.result
        return (figures, pageFigures)
    }

    /// The session cookie `POST /sign-in` sets for `token`, as a browser would get it.
    private func signIn(client: HTTPClient, base: String, token: String) async throws -> String {
        var request = HTTPClientRequest(url: base + "/sign-in")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "token=\(token)&next=%2F"))
        let response = try await client.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1024 * 1024)
        guard let setCookie = response.headers["Set-Cookie"].first, let pair = setCookie.split(separator: ";").first else {
            throw BenchError("the dashboard's sign-in set no cookie (status \(response.status.code))")
        }
        return String(pair)
    }

    /// `pageLoads` sequential loads of one page: the latency a person waits for, one at a time.
    private func load(client: HTTPClient, url: String, cookie: String, path: String) async throws -> PageFigure {
        var latencies: [Double] = []
        var errors = 0
        var bytes = 0
        for _ in 0..<pageLoads {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Cookie", value: cookie)
            let started = DispatchTime.now().uptimeNanoseconds
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            bytes = body.readableBytes
            if response.status.code != 200 { errors += 1 }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return PageFigure(path: path, loads: latencies.count, errors: errors, p50Milliseconds: percentile(0.5), p99Milliseconds: percentile(0.99), bytes: bytes)
    }

    private func measure(client: HTTPClient, url: String, token: String, route: String) async throws -> Figure {
        func once() async throws -> (Double, Bool) {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let started = DispatchTime.now().uptimeNanoseconds
            let response = try await client.execute(request, timeout: .seconds(60))
            _ = try await response.body.collect(upTo: 64 * 1024 * 1024)
            return (Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000, response.status.code == 200)
        }
        let (first, _) = try await once()
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        let started = DispatchTime.now().uptimeNanoseconds
        let samples = try await withThrowingTaskGroup(of: [(Double, Bool)].self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var mine: [(Double, Bool)] = []
                    while DispatchTime.now().uptimeNanoseconds < deadline { mine.append(try await once()) }
                    return mine
                }
            }
            var all: [(Double, Bool)] = []
            for try await part in group { all += part }
            return all
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let latencies = samples.map(\.0).sorted()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        return Figure(
            route: route, requests: samples.count, errors: samples.filter { !$0.1 }.count, requestsPerSecond: Double(samples.count) / elapsed,
            p50Milliseconds: percentile(0.5), p99Milliseconds: percentile(0.99), firstMilliseconds: first)
    }
}

/// A step of the bench that could not be measured, in one sentence.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
