import Foundation

extension EmbeddedPostgres {
    /// Creates the cluster on first use and starts it; a running cluster is left as it is.
    /// - Parameter report: receives one line per step taken (initdb, stale pid file, start).
    public func start(report: (String) -> Void = { _ in }) throws {
        if case .running = status() { return }
        try prepareDirectories()
        if status() == .notInitialized {
            report("creating a private PostgreSQL cluster in \(dataDirectory.path)")
            let output = try runner.run("\(binDirectory)/initdb", [
                "-D", dataDirectory.path, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
            ])
            guard output.status == 0 else { throw EmbeddedPostgresError("initdb failed: \(Self.lastLines(output.text))") }
        }
        if let pid = recordedPID() {
            report("removing a stale postmaster.pid (process \(pid) is not running)")
            try? FileManager.default.removeItem(at: postmasterPIDFile)
        }
        let options = "-c listen_addresses='' -c unix_socket_directories='\(socketDirectory.path)' -p \(port) -c fsync=on"
        let output = try runner.run("\(binDirectory)/pg_ctl", [
            "start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-o", options,
        ])
        guard output.status == 0, case .running = status() else {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if log.contains("Address already in use") || log.contains("lock file") && log.contains("already exists") {
                throw EmbeddedPostgresError(
                    "cannot start the embedded PostgreSQL: socket \(socketDirectory.path)/.s.PGSQL.\(port) is in use by another server; "
                        + "stop it or set INVENTORY_HUB_PG_PORT to another number")
            }
            throw EmbeddedPostgresError("cannot start the embedded PostgreSQL (see \(logFile.path)): \(Self.lastLines(log + output.text))")
        }
        report("started PostgreSQL on socket \(socketDirectory.path) (port \(port))")
        try createDatabaseIfMissing()
    }

    public func stop() throws {
        guard case .running = status() else { return }
        let output = try runner.run("\(binDirectory)/pg_ctl", ["stop", "-D", dataDirectory.path, "-m", "fast", "-w", "-t", "60"])
        guard output.status == 0 else { throw EmbeddedPostgresError("pg_ctl stop failed: \(Self.lastLines(output.text))") }
    }

    private func createDatabaseIfMissing() throws {
        let psql = "\(binDirectory)/psql"
        let base = ["-h", socketDirectory.path, "-p", String(port), "-U", "postgres", "-d", "postgres", "-tAc"]
        let check = try runner.run(psql, base + ["SELECT 1 FROM pg_database WHERE datname = '\(Self.databaseName)'"])
        guard check.status == 0 else { throw EmbeddedPostgresError("cannot query the embedded PostgreSQL: \(Self.lastLines(check.text))") }
        if check.text.trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            let create = try runner.run(psql, base + ["CREATE DATABASE \(Self.databaseName)"])
            guard create.status == 0 else { throw EmbeddedPostgresError("cannot create database \(Self.databaseName): \(Self.lastLines(create.text))") }
        }
    }

    /// Creates `home`, and as root hands the cluster's folders to the `postgres` user and
    /// makes sure that user can reach them (execute permission on the parent folders).
    private func prepareDirectories() throws {
        let manager = FileManager.default
        for folder in [home, socketDirectory] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        guard isRoot else { return }
        var ancestor = home
        while ancestor.path != "/" {
            if let attributes = try? manager.attributesOfItem(atPath: ancestor.path),
                let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value, mode & 0o001 == 0
            {
                try manager.setAttributes([.posixPermissions: NSNumber(value: mode | 0o001)], ofItemAtPath: ancestor.path)
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        for folder in [home, socketDirectory] + (manager.fileExists(atPath: dataDirectory.path) ? [dataDirectory] : []) {
            guard chown(folder.path, postgresUserID.uid, postgresUserID.gid) == 0 else {
                throw EmbeddedPostgresError("cannot give \(folder.path) to the postgres user (errno \(errno))")
            }
        }
    }

    private var postgresUserID: (uid: uid_t, gid: gid_t) {
        guard let entry = getpwnam("postgres") else { return (0, 0) }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    static func lastLines(_ text: String, count: Int = 5) -> String {
        text.split(separator: "\n").suffix(count).joined(separator: " | ")
    }
}
