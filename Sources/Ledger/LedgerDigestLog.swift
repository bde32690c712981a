#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A folder of digest files outside the database, meant for another volume or write-once
/// storage: one `YYYY-MM.jsonl` per UTC month of the heads' `recorded_at`, one canonical
/// `LedgerDigest` line per append. Lines are only ever appended (`O_APPEND`, then `fsync`), so
/// several processes (a nightly `collect`, a running `serve`) can share one folder; their lines
/// may land slightly out of `seq` order, which the verifier does not mind.
///
/// One folder describes one ledger: two databases must not share a folder, or each one's
/// digests make the other's `verify` fail.
public struct LedgerDigestLog: Sendable {
    public let folder: URL
    /// Where a digest that could not be written is reported (the append itself stands).
    let warn: @Sendable (String) -> Void

    /// - Parameter warn: receives a one-sentence warning when a digest cannot be written after
    ///   a committed append; by default it goes to standard error (the command line). A server
    ///   passes its logger.
    public init(folder: URL, warn: @escaping @Sendable (String) -> Void = LedgerDigestLog.standardErrorWarning) {
        self.folder = folder
        self.warn = warn
    }

    public static let standardErrorWarning: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// The file a digest goes to: its `recorded_at` month.
    public func file(for digest: LedgerDigest) -> URL {
        folder.appendingPathComponent("\(digest.month).jsonl")
    }

    /// Appends `digest` as one line to its month file, creating the folder and the file when
    /// needed, and makes it durable (`fsync` of the file, and of the folder for a new file).
    /// A file whose last line was cut short (a crash mid-write) first gets a newline, so the
    /// damaged line stays visible to `verify` and never swallows this one.
    /// - Returns: the file written.
    @discardableResult
    public func append(_ digest: LedgerDigest) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = file(for: digest)
        let existed = FileManager.default.fileExists(atPath: url.path)
        let descriptor = open(url.path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LedgerDigestLogError.system("open", url.path, errno) }
        defer { close(descriptor) }
        var bytes = Array((digest.line + "\n").utf8)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw LedgerDigestLogError.system("fstat", url.path, errno) }
        if status.st_size > 0 {
            var last: UInt8 = 0
            guard pread(descriptor, &last, 1, off_t(status.st_size - 1)) == 1 else {
                throw LedgerDigestLogError.system("read", url.path, errno)
            }
            if last != UInt8(ascii: "\n") { bytes.insert(UInt8(ascii: "\n"), at: 0) }
        }
        // One write(2) of the whole line: with O_APPEND, concurrent appenders never interleave.
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw LedgerDigestLogError.system("write", url.path, errno)
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw LedgerDigestLogError.system("fsync", url.path, errno) }
        if !existed { syncFolder() }
        return url
    }

    /// Best effort: a new file's directory entry reaches the disk too.
    private func syncFolder() {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// One line of a digest file, parsed or not.
public struct LedgerDigestEntry: Sendable, Hashable {
    /// The file's name within the folder (`2025-03.jsonl`).
    public let file: String
    /// 1-based line number.
    public let line: Int
    public let parsed: Result<LedgerDigest, LedgerDigestParseError>

    public init(file: String, line: Int, parsed: Result<LedgerDigest, LedgerDigestParseError>) {
        self.file = file
        self.line = line
        self.parsed = parsed
    }

    public var digest: LedgerDigest? { try? parsed.get() }
}

/// What a digest folder holds.
public struct LedgerDigestListing: Sendable, Hashable {
    public let folder: String
    /// False when there is no folder at `folder`: nothing was ever recorded there (or the
    /// volume is not mounted), which is not the same as digests that hold.
    public let exists: Bool
    /// Every `*.jsonl` file, in name order (which is month order).
    public let files: [String]
    /// Every line of every file, in file then line order.
    public let entries: [LedgerDigestEntry]

    public init(folder: String, exists: Bool, files: [String], entries: [LedgerDigestEntry]) {
        self.folder = folder
        self.exists = exists
        self.files = files
        self.entries = entries
    }
}

extension LedgerDigestLog {
    /// Reads every line of every `*.jsonl` in the folder, in name order. A line that is not a
    /// digest is returned as such (with its file and line), never a crash; an empty line
    /// counts too, since the writer never writes one.
    public func readAll() throws -> LedgerDigestListing {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            return LedgerDigestListing(folder: folder.path, exists: false, files: [], entries: [])
        }
        guard isFolder.boolValue else { throw LedgerDigestLogError.notAFolder(folder.path) }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }
            .filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }
            .sorted()
        var entries: [LedgerDigestEntry] = []
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if data.last == UInt8(ascii: "\n") || data.isEmpty { lines.removeLast() }
            for (index, bytes) in lines.enumerated() {
                let parsed: Result<LedgerDigest, LedgerDigestParseError>
                if let text = String(bytes: bytes, encoding: .utf8) {
                    parsed = Result { () throws(LedgerDigestParseError) in try LedgerDigest(line: text) }
                } else {
                    parsed = .failure(LedgerDigestParseError("not UTF-8 text"))
                }
                entries.append(LedgerDigestEntry(file: name, line: index + 1, parsed: parsed))
            }
        }
        return LedgerDigestListing(folder: folder.path, exists: true, files: names, entries: entries)
    }
}

/// Digest folder failures a person can act on.
public enum LedgerDigestLogError: Error, Sendable, CustomStringConvertible {
    /// A system call (`open`, `write`, `fsync`, …) failed on a path with an errno.
    case system(String, String, Int32)
    case notAFolder(String)

    public var description: String {
        switch self {
        case .system(let call, let path, let code): return "\(call) \(path): \(String(cString: strerror(code)))"
        case .notAFolder(let path): return "\(path) is not a folder"
        }
    }
}
