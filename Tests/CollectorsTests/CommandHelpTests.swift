import Foundation
import Testing

/// Help texts are written one line per paragraph and wrapped only by the argument parser, so
/// at any width a sentence runs on instead of breaking where the source file did.
@Suite("inventory-hub --help")
struct CommandHelpTests {
    /// `inventory-hub` and every subcommand it lists, found by reading the help itself.
    static func commands() async throws -> [[String]] {
        var found: [[String]] = []
        var pending: [[String]] = [[]]
        while let command = pending.popLast() {
            found.append(command)
            for name in subcommands(in: try await help(command)) where name != "help" { pending.append(command + [name]) }
        }
        return found
    }

    static func help(_ command: [String], columns: Int = 1_000) async throws -> String {
        let run = try await InventoryHubProcess.run(command + ["--help"], environment: ["COLUMNS": "\(columns)"])
        return run.stdout + run.stderr
    }

    /// The names in the `SUBCOMMANDS:` section.
    static func subcommands(in help: String) -> [String] {
        guard let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first else { return [] }
        return section.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
            .compactMap { line in line.hasPrefix("  ") && !line.hasPrefix("    ") ? line.split(separator: " ").first.map(String.init) : nil }
    }

    /// The overview and discussion: everything before `USAGE:`.
    static func prose(of help: String) -> [Substring] {
        let head = help.components(separatedBy: "\nUSAGE:").first ?? help
        return head.split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test("on a wide screen every paragraph of every command's overview and discussion is one line")
    func unwrapped() async throws {
        let commands = try await Self.commands()
        #expect(commands.count > 10 && commands.contains(["project", "catch-up"]))
        for command in commands {
            let lines = Self.prose(of: try await Self.help(command))
            #expect(lines.first?.hasPrefix("OVERVIEW: ") == true, "\(command)")
            // Indented lines are tables and examples; prose lines never follow each other.
            for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !line.hasPrefix(" ") {
                #expect(next.isEmpty || next.hasPrefix(" "), "inventory-hub \(command.joined(separator: " ")) breaks a paragraph after: \(line)")
            }
        }
    }

    @Test("at 80 columns the top-level discussion keeps its phrases together")
    func topLevel() async throws {
        let text = try await Self.help([], columns: 80)
        let joined = text.replacingOccurrences(of: "\n", with: " ")
        #expect(joined.contains("hash-chained, LZ4-compressed ledger in PostgreSQL; projectors derive every read model from it."))
        #expect(joined.contains("cluster under INVENTORY_HUB_HOME"))
        // The parser wraps at the width; a line that short inside a paragraph means a second wrap.
        let overview = Self.prose(of: text)
        for (line, next) in zip(overview, overview.dropFirst()) where !line.isEmpty && !next.isEmpty && !line.hasPrefix(" ") {
            #expect(line.count > 40, "a paragraph breaks early after: \(line)")
        }
    }
}
