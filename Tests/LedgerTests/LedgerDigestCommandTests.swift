import Foundation
import Ledger
import PostgresClient
import TestSupport
import Testing

/// `inventory-hub verify` and `inventory-hub ledger digest` against a real database.
@Suite("Ledger digest commands", .serialized)
struct LedgerDigestCommandTests {
    static func seeded(_ name: String, _ temporary: TemporaryDigestFolder) throws -> (TestDatabase, PostgresSession, [LedgerAppendResult]) {
        let log = LedgerDigestLog(folder: temporary.sub("home/digests"))
        return try DigestTestbed.seeded(name, runs: 3, devices: 5, log: log)
    }

    static func environment(_ database: TestDatabase, _ temporary: TemporaryDigestFolder, _ extra: [String: String] = [:]) -> [String: String] {
        ["DB_DSN": database.conninfo, "INVENTORY_HUB_HOME": temporary.sub("home").path].merging(extra) { $1 }
    }

    @Test("verify checks the digests under INVENTORY_HUB_HOME/digests by default and says they hold")
    func defaultFolderHolds() async throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let (database, _, _) = try Self.seeded("digestclihold", temporary)
        defer { database.drop() }
        let run = try await LedgerCLI.run(["verify"], environment: Self.environment(database, temporary))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("ledger intact: 18 events verified"))
        #expect(run.stdout.contains("digests hold: 3 digests in 1 file in \(temporary.sub("home/digests").path)"))
    }

    @Test("without a digest folder verify says so instead of a plain pass; --require-digests and --digests DIR make it fail")
    func missingFolder() async throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let (database, _, _) = try Self.seeded("digestclimissing", temporary)
        defer { database.drop() }
        let absent = temporary.sub("elsewhere").path
        let environment = Self.environment(database, temporary, ["INVENTORY_HUB_DIGEST_DIR": absent])
        let plain = try await LedgerCLI.run(["verify"], environment: environment)
        #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")
        #expect(!plain.stdout.contains("ledger intact"))
        #expect(plain.stdout.contains("ledger chain consistent: 18 events verified"))
        #expect(plain.stdout.contains("no digest folder at \(absent): the chain alone cannot show a rewritten or truncated ledger"))

        let required = try await LedgerCLI.run(["verify", "--require-digests"], environment: environment)
        #expect(required.status == 1)
        #expect(required.stdout.contains("no digest folder at \(absent)"))

        let named = try await LedgerCLI.run(["verify", "--digests", temporary.sub("typo").path], environment: Self.environment(database, temporary))
        #expect(named.status == 1)
        #expect(named.stdout.contains("no digest folder at \(temporary.sub("typo").path)"))

        let json = try await LedgerCLI.run(["verify", "--json"], environment: environment)
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let digests = try #require(document["digests"] as? [String: Any])
        #expect(digests["status"] as? String == "missing")
        #expect(digests["folder"] as? String == absent)
        #expect((digests["warning"] as? String)?.contains("the chain alone cannot show") == true)
        #expect(document["proven"] as? Bool == false)
    }

    @Test("a truncated ledger fails verify --digests naming the digest's file, line and seq")
    func truncatedFails() async throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let (database, session, results) = try Self.seeded("digestclitruncate", temporary)
        defer { database.drop() }
        try DigestTestbed.truncateNewestRun(session, results[2])
        let folder = temporary.sub("home/digests")
        let entry = try #require(try LedgerDigestLog(folder: folder).readAll().entries.first { $0.digest?.seq == 18 })
        let run = try await LedgerCLI.run(["verify", "--digests", folder.path], environment: ["DB_DSN": database.conninfo])
        #expect(run.status == 1)
        #expect(run.stdout.contains("ledger NOT intact: 1 digest line in \(folder.path) does not match it"))
        #expect(run.stdout.contains("\(entry.file) line \(entry.line): digest seq 18 is past the ledger's head 12"))
        #expect(run.stdout.contains("truncated tail"))

        let json = try await LedgerCLI.run(["verify", "--json", "--digests", folder.path], environment: ["DB_DSN": database.conninfo])
        #expect(json.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["intact"] as? Bool == false && document["chainIntact"] as? Bool == true)
        let digests = try #require(document["digests"] as? [String: Any])
        #expect(digests["status"] as? String == "failed")
        #expect(digests["checked"] as? Int == 3)
        #expect(digests["files"] as? [String] == [entry.file])
        let failure = try #require((digests["failures"] as? [[String: Any]])?.first)
        #expect(failure["kind"] as? String == "truncated_tail")
        #expect(failure["seq"] as? Int == 18 && failure["line"] as? Int == entry.line && failure["file"] as? String == entry.file)
    }

    @Test("ledger digest prints the head; --json prints the digest line itself; --write appends it")
    func ledgerDigest() async throws {
        let temporary = try TemporaryDigestFolder()
        defer { temporary.remove() }
        let (database, session, _) = try Self.seeded("digestclihead", temporary)
        defer { database.drop() }
        let head = try #require(try Ledger(session: session, digests: nil).headDigest())
        let json = try await LedgerCLI.run(["ledger", "digest", "--json"], environment: Self.environment(database, temporary))
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout == head.line + "\n")
        #expect(try LedgerDigest(line: json.stdout.dropLast()) == head)

        let text = try await LedgerCLI.run(["ledger", "digest"], environment: Self.environment(database, temporary))
        #expect(text.stdout.contains("seq 18") && text.stdout.contains("chain_sha256 \(head.chainHex)"))

        let target = temporary.sub("copy")
        let write = try await LedgerCLI.run(
            ["ledger", "digest", "--write"], environment: Self.environment(database, temporary, ["INVENTORY_HUB_DIGEST_DIR": target.path]))
        #expect(write.status == 0, "\(write.stderr)")
        #expect(try LedgerDigestLog(folder: target).readAll().entries.compactMap(\.digest) == [head])
    }
}
