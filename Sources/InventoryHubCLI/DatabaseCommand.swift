import ArgumentParser
import EmbeddedPostgres
import Foundation

/// `inventory-hub db start|stop|status|url`: the embedded default database.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the embedded PostgreSQL cluster used when DB_DSN is unset.",
        discussion: """
            The cluster lives under INVENTORY_HUB_HOME and listens on a Unix socket only. The default is $XDG_DATA_HOME/inventory-hub, else $HOME/.local/share/inventory-hub, else the password database's home + /.local/share/inventory-hub; as root it is /var/lib/inventory-hub. As root, the server runs as the postgres system user, which must be able to enter every folder above INVENTORY_HUB_HOME: nothing there is changed, a folder it cannot reach is refused. INVENTORY_HUB_PG_PORT picks the socket number (default 5432).
            """,
        subcommands: [Start.self, Stop.self, Status.self, PrintURL.self]
    )

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the cluster if needed and start it.")
        func run() throws {
            let embedded = try EmbeddedPostgres.fromEnvironment()
            try embedded.start(report: { Terminal.note($0) })
            print("running: \(embedded.connectionURI)")
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the cluster (a fast shutdown).")
        func run() throws {
            let embedded = try EmbeddedPostgres.fromEnvironment()
            try embedded.stop()
            print("stopped")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the cluster exists and runs; exit 3 when it is not running.")
        @Flag(help: "Print the status as JSON.") var json = false
        func run() throws {
            let embedded = try EmbeddedPostgres.fromEnvironment()
            let status = embedded.status()
            if json {
                var document: [String: Any] = ["home": embedded.home.path, "status": "\(status)", "uri": embedded.connectionURI]
                if case .running(let pid) = status { document["pid"] = pid }
                try Terminal.printJSON(document)
            } else {
                print("\(status) — \(embedded.dataDirectory.path)")
            }
            if case .running = status { return }
            throw ExitCode(3)
        }
    }

    struct PrintURL: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the libpq URI of the embedded database (for psql or DB_DSN).")
        func run() throws {
            print(try EmbeddedPostgres.fromEnvironment().connectionURI)
        }
    }
}
