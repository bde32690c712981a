import ArgumentParser
import Foundation
import Ledger
import PostgresClient

/// `inventory-hub ledger …`: the ledger itself, beside `verify`.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Inspect the ledger: its head as a digest.",
        subcommands: [Digest.self]
    )

    /// `inventory-hub ledger digest [--json] [--write]`.
    struct Digest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the ledger's head (seq, chain hash, recorded_at, events): what a digest records.",
            discussion: """
                Every append already writes this line to the digest folder (INVENTORY_HUB_DIGEST_DIR, default INVENTORY_HUB_HOME/digests, one YYYY-MM.jsonl per month); keep a copy of it elsewhere (a ticket, an e-mail, write-once storage) and `verify` can later show the ledger was neither rewritten nor truncated up to it. --json prints the digest line itself. --write also appends it to the digest folder, e.g. to start digests on a ledger created before they existed.
                """
        )

        @Flag(help: "Print the digest as its one-line JSON.") var json = false
        @Flag(help: "Also append the head to the digest folder.") var write = false

        func run() async throws {
            let log = write ? try DigestFolder.log() : nil
            let connection = try await DatabaseTarget.resolve(write ? .write : .read).connect()
            let head: LedgerDigest?
            do {
                head = try await connection.withSession { try Ledger(session: $0, digests: nil).headDigest() }
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
            guard let head else {
                if json {
                    print(#"{"seq":0,"chain_sha256":null,"recorded_at":null,"events":0}"#)
                } else {
                    print("the ledger is empty: no head to digest")
                }
                if write {
                    Terminal.note("Error: the ledger is empty: there is no head to write")
                    throw ExitCode(1)
                }
                return
            }
            if json {
                print(head.line)
            } else {
                print("seq \(head.seq)\nchain_sha256 \(head.chainHex)\nrecorded_at \(head.recordedAtText)\nevents \(head.events)")
            }
            if let log {
                let file = try log.append(head)
                Terminal.note("written to \(file.path)")
            }
        }
    }
}
