import Foundation

/// Runs the `inventory-hub` executable built beside the test binary, as an operator would.
enum LedgerCLI {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    struct ExecutableNotFound: Error, CustomStringConvertible {
        let near: String
        var description: String { "no inventory-hub executable near \(near); build the package (swift build) before testing" }
    }

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

    /// `inventory-hub arguments` with only `environment` plus PATH set; callers always set
    /// INVENTORY_HUB_HOME or INVENTORY_HUB_DIGEST_DIR to a temporary folder, so the machine's
    /// own digest folder is never touched. Output goes through files.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> Run {
        let folder = try TemporaryDigestFolder()
        defer { folder.remove() }
        let outURL = folder.sub("stdout"), errURL = folder.sub("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key == "PATH" }.merging(environment) { $1 }
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
