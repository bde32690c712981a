import TestSupport
import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing
import VendorSimulators
@testable import Vendors

@Suite("Credentials never leak")
struct CredentialSecrecyTests {
    static let secrets = [VendorTestbed.clientID, VendorTestbed.clientSecret, VendorTestbed.apiKey]

    /// Every text a failure produces: the error's description and reflection, and every log line.
    static func texts(of error: (any Error)?, logs: LogRecorder) -> [String] {
        var texts = logs.recorded
        if let error { texts += [String(describing: error), String(reflecting: error)] }
        return texts
    }

    static func expectNoSecrets(in texts: [String], tokens: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!texts.isEmpty, sourceLocation: sourceLocation)
        for secret in secrets + tokens {
            let leaks = texts.filter { $0.contains(secret) }
            #expect(leaks.isEmpty, "\(secret) leaked into: \(leaks)", sourceLocation: sourceLocation)
        }
    }

    @Test("NinjaOne failures and logs never show the client id, secret or tokens")
    func ninjaOne() async throws {
        var texts: [String] = []
        var tokens: [String] = []
        let faults: [SimulatorFault] = [
            .expiredToken(times: nil), .serverError(503, on: .devices, page: 1, times: nil), .malformedJSON(on: .devices, page: 1),
        ]
        for fault in faults {
            try await VendorTestbed.withNinjaOne { simulator, client, logs in
                await simulator.control.inject(fault)
                let error = await #expect(throws: VendorError.self) { try await client.fetchCapture() }
                texts += Self.texts(of: error, logs: logs)
                tokens += await simulator.control.issuedTokens()
            }
        }
        try await VendorTestbed.withNinjaOne(clientSecret: VendorTestbed.clientSecret + "-wrong") { _, client, logs in
            let error = await #expect(throws: VendorError.self) { try await client.fetchDevices() }
            texts += Self.texts(of: error, logs: logs)
        }
        #expect(tokens.count >= 3)
        Self.expectNoSecrets(in: texts, tokens: tokens)
    }

    @Test("ThreatLocker failures and logs never show the API key")
    func threatLocker() async throws {
        var texts: [String] = []
        for fault: SimulatorFault in [.serverError(502, on: .computers, page: 1, times: nil), .malformedJSON(on: .computers, page: 1)] {
            try await VendorTestbed.withThreatLocker { simulator, client, logs in
                await simulator.control.inject(fault)
                let error = await #expect(throws: VendorError.self) { try await client.fetchCapture() }
                texts += Self.texts(of: error, logs: logs)
            }
        }
        try await VendorTestbed.withThreatLocker(apiKey: VendorTestbed.apiKey + "-wrong") { _, client, logs in
            let error = await #expect(throws: VendorError.self) { try await client.fetchCapture() }
            texts += Self.texts(of: error, logs: logs)
        }
        Self.expectNoSecrets(in: texts)
    }

    @Test("an unreachable vendor fails with a transport error after bounded retries, without secrets")
    func unreachable() async throws {
        let logs = LogRecorder()
        // A port bound but not listening refuses every connection, and stays ours for the whole
        // test (a stopped server's port can be taken by another test's server meanwhile).
        let port = try ReservedPort()
        defer { port.release() }
        let configuration = ThreatLockerConfiguration(
            baseURL: "http://127.0.0.1:\(port.number)", apiKey: VendorTestbed.apiKey, organizationID: VendorTestbed.organizationID,
            retry: VendorTestbed.fastRetry, requestTimeout: VendorTestbed.requestTimeout)
        let error = await #expect(throws: VendorError.self) {
            try await VendorTestbed.withHTTPClient(logger: logs.logger()) { http in
                try await ThreatLockerClient(configuration: configuration, httpClient: http, logger: logs.logger()).fetchCapture()
            }
        }
        guard case .transport(let problem)? = error?.reason else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        // Bounded without a stopwatch: every attempt ended on the refusal itself, none waited
        // out the (generous) connect or request limit.
        #expect(problem.contains("Connection refused"), "\(problem)")
        #expect(error?.attempts == 4)
        Self.expectNoSecrets(in: Self.texts(of: error, logs: logs))
    }

    @Test("a vendor body that echoes a credential is redacted before it reaches the error")
    func echoedCredentials() {
        let transport = VendorTransport(
            vendor: .ninjaOne, baseURL: "http://127.0.0.1:1", httpClient: .shared, retry: RetryPolicy(), requestTimeout: VendorTestbed.requestTimeout,
            redactor: SecretRedactor([VendorTestbed.clientSecret]), logger: LogRecorder().logger())
        let request = VendorRequest(method: .GET, path: "/v2/organizations", secrets: ["bearer-token-0a1b2c"])
        let body = #"{"error":"bad client_secret=\#(VendorTestbed.clientSecret) token bearer-token-0a1b2c"}"#
        let error = transport.failure(VendorResponse(status: 400, body: Array(body.utf8), retryAfter: nil), for: request)
        #expect(error.detail?.contains(SecretRedactor.placeholder) == true)
        Self.expectNoSecrets(in: [error.description], tokens: ["bearer-token-0a1b2c"])
    }

    @Test("configurations print and dump without their credentials")
    func configurations() {
        let ninja = NinjaOneConfiguration(clientID: VendorTestbed.clientID, clientSecret: VendorTestbed.clientSecret)
        let threatLocker = ThreatLockerConfiguration(
            baseURL: "https://portalapi.example.threatlocker.com", apiKey: VendorTestbed.apiKey, organizationID: VendorTestbed.organizationID)
        var dumped = ""
        dump(ninja, to: &dumped)
        dump(threatLocker, to: &dumped)
        Self.expectNoSecrets(in: ["\(ninja)", "\(threatLocker)", String(reflecting: ninja), String(reflecting: threatLocker), dumped])
    }
}

/// A loopback TCP port held by a socket that is bound but never listens: connecting to it is
/// refused at once, and no other process can take it until `release()`.
struct ReservedPort {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32
    let number: Int

    init() throws {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw Failure(description: "socket() failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            let reason = String(cString: strerror(errno))
            close(socketDescriptor)
            throw Failure(description: "cannot reserve a loopback port: \(reason)")
        }
        descriptor = socketDescriptor
        number = Int(UInt16(bigEndian: address.sin_port))
    }

    func release() { close(descriptor) }
}
