import Foundation

/// Runs the `inventory-hub` executable built beside the test bundle.
enum InventoryHubProcess {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable in the build products folder that holds this test binary.
    static func executable() throws -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("inventory-hub")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw ExecutableNotFound(near: testBinary.path)
    }

    /// Runs `inventory-hub arguments` with only `environment` (plus PATH and HOME) set, and
    /// waits for it without blocking a thread; output goes through files, so a chatty child
    /// never stalls on a full pipe.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> Run {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outURL = URL(fileURLWithPath: folder.path("stdout")), errURL = URL(fileURLWithPath: folder.path("stderr"))
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let inherited = ProcessInfo.processInfo.environment.filter { ["PATH", "HOME", "LANG"].contains($0.key) }
        // A throw-away database's digests stay with this run, never in the machine's folder.
        let digests = ["INVENTORY_HUB_DIGEST_DIR": folder.path("digests")]
        process.environment = inherited.merging(digests) { $1 }.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try out.close()
        try err.close()
        return Run(
            status: status, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// The test binary's build folder holds no `inventory-hub` executable.
struct ExecutableNotFound: Error, CustomStringConvertible {
    let near: String
    var description: String { "no inventory-hub executable near \(near); build the package (swift build) before testing" }
}
