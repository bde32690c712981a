import ArgumentParser
import Foundation
import InventoryHubAPI
import PostgresClient

/// `inventory-hub tokens create|list|revoke`: the API tokens of `serve`.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke API tokens for inventory-hub serve.",
        discussion: "A token is printed once, when it is created; only its SHA-256 is stored. Roles: viewer (read everything), technician (also resolve exceptions, manage site aliases), admin (also start collections and verification). The token's name is the actor of every ledger event appended with it.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")
        @Option(help: "Who or what uses the token (the actor recorded in the ledger).") var name: String
        @Option(help: "viewer, technician or admin.") var role: TokenRole
        @Flag(help: "Print {\"name\":…,\"role\":…,\"token\":…}.") var json = false

        func run() async throws {
            let connection = try await TokensCommand.connect()
            let role = self.role.role
            let name = self.name
            let token: String
            do {
                token = try await connection.withSession { try APITokenStore().create(name: name, role: role, $0) }
            } catch let failure as APITokenStore.Failure {
                await connection.close()
                throw ValidationError(failure.description)
            }
            await connection.close()
            if json {
                try Terminal.printJSON(["name": name.trimmingCharacters(in: .whitespaces), "role": role.rawValue, "token": token])
            } else {
                print(token)
                FileHandle.standardError.write(Data("token \(name) (\(role.rawValue)) created; it is shown only now. Send it as 'Authorization: Bearer TOKEN'.\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (names, roles, dates; never the tokens).")
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let connection = try await TokensCommand.connect()
            let tokens = try await connection.withSession { try APITokenStore().list($0) }
            await connection.close()
            let format = Date.ISO8601FormatStyle()
            if json {
                try Terminal.printJSON(tokens.map { token -> [String: Any] in
                    [
                        "name": token.name, "role": token.role.rawValue, "created_at": format.format(token.createdAt),
                        "revoked_at": token.revokedAt.map(format.format) ?? NSNull(), "last_used_at": token.lastUsedAt.map(format.format) ?? NSNull(),
                    ]
                })
                return
            }
            print("name                             role         created               last used             status")
            for token in tokens {
                print([
                    token.name.padding(toLength: 32, withPad: " ", startingAt: 0), token.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0),
                    format.format(token.createdAt).padding(toLength: 21, withPad: " ", startingAt: 0),
                    (token.lastUsedAt.map(format.format) ?? "never").padding(toLength: 21, withPad: " ", startingAt: 0),
                    token.revokedAt.map { "revoked \(format.format($0))" } ?? "active",
                ].joined(separator: " "))
            }
            print("\(tokens.count) token(s)")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: requests with it are refused from now on.")
        @Argument(help: "The token's name.") var name: String

        func run() async throws {
            let connection = try await TokensCommand.connect()
            let name = self.name
            do {
                try await connection.withSession { try APITokenStore().revoke(name: name, $0) }
            } catch let failure as APITokenStore.Failure {
                await connection.close()
                throw ValidationError(failure.description)
            }
            await connection.close()
            print("token \(name) revoked")
        }
    }

    static func connect() async throws -> PostgresConnection {
        let connection = try await DatabaseTarget.resolve().connect()
        try await MigrateCommand.apply(connection)
        return connection
    }
}

enum TokenRole: String, ExpressibleByArgument, CaseIterable {
    case viewer, technician, admin

    var role: APIRole { APIRole(rawValue: rawValue)! }
}
