import Foundation

extension EmbeddedPostgres {
    /// Creates the cluster on first use and starts it; a running cluster is left as it is.
    /// - Parameter report: receives one line per step taken (initdb, stale pid file, start).
    public func start(report: (String) -> Void = { _ in }) throws {
        if case .running = status() { return }
        try prepareDirectories()
        if status() == .notInitialized {
            report("creating a private PostgreSQL cluster in \(dataDirectory.path)")
            if let former = formerDefaultHome, former != home,
                FileManager.default.fileExists(atPath: former.appendingPathComponent("pgdata/PG_VERSION").path)
            {
                report("an earlier cluster exists in \(former.path) (the former default); set INVENTORY_HUB_HOME=\(former.path) to keep using it")
            }
            let output = try runner.run("\(binDirectory)/initdb", [
                "-D", dataDirectory.path, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
            ])
            guard output.status == 0 else { throw EmbeddedPostgresError("initdb failed: \(Self.lastLines(output.text))") }
        }
        if let pid = recordedPID() {
            report("removing a stale postmaster.pid (process \(pid) is not running)")
            try? FileManager.default.removeItem(at: postmasterPIDFile)
        }
        let logOffset = (try? FileManager.default.attributesOfItem(atPath: logFile.path)[.size] as? NSNumber)?.uint64Value ?? 0
        let tuning = Self.serverSettings.map { "-c \($0.name)=\($0.value)" }.joined(separator: " ")
        let durability = isDurable ? "-c fsync=on" : "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        let options = "-c listen_addresses='' -c unix_socket_directories='\(socketDirectory.path)' -p \(port) \(durability) \(tuning)"
        let output = try runner.run("\(binDirectory)/pg_ctl", [
            "start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-o", options,
        ])
        guard output.status == 0, case .running = status() else {
            let log = logText(from: logOffset)  // this attempt's lines only: the log is appended to across starts
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

    /// Creates `home` and its `run/` folder. As root, first makes sure the `postgres` user can
    /// reach `home` and may own it, refusing otherwise; nothing above `home` is changed (missing
    /// folders on the way are created with mode 0755), then `home` is given to that user.
    private func prepareDirectories() throws {
        guard isRoot else {
            for folder in [home, socketDirectory] { try createFolder(folder.path) }
            return
        }
        let account = try PostgresAccess.postgresAccount()
        let real = PostgresAccess.resolvingLinks(home.path)
        let decision = PostgresAccess.decide(
            folder: real, account: account, entry: PostgresAccess.entry(at:), grantedOtherwise: PostgresAccess.systemLetsPostgresEnter)
        if let refusal = PostgresAccess.refusal(
            decision, shown: home.path, explicit: homeIsExplicit, account: account, userName: PostgresAccess.userName(uid:))
        {
            throw EmbeddedPostgresError(refusal)
        }
        try createFolder(real, onTheWay: 0o755)
        try createFolder(socketDirectory.path)
        for folder in [real, socketDirectory.path] + (FileManager.default.fileExists(atPath: dataDirectory.path) ? [dataDirectory.path] : []) {
            guard chown(folder, account.uid, account.gid) == 0 else {
                throw EmbeddedPostgresError("cannot give \(folder) to the postgres user: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// `mkdir -p path`, with a sentence on failure. `onTheWay`, when given, is the mode set
    /// (whatever the umask) on the missing folders above `path` that it creates; folders that
    /// exist are left as they are.
    private func createFolder(_ path: String, onTheWay mode: mode_t? = nil) throws {
        var missing: [String] = []
        var probe = path
        while probe != "/", !FileManager.default.fileExists(atPath: probe) {
            missing.append(probe)
            probe = (probe as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() {
            guard mkdir(folder, 0o777) == 0 else {
                let code = errno
                if code == EEXIST { continue }
                throw EmbeddedPostgresError(
                    "cannot create \(folder) for the embedded PostgreSQL (\(String(cString: strerror(code)))); "
                        + "set INVENTORY_HUB_HOME to a folder you can write, or DB_DSN")
            }
            if let mode, folder != path { chmod(folder, mode) }
        }
    }

    /// The server log from byte `offset` on.
    private func logText(from offset: UInt64) -> String {
        guard let handle = try? FileHandle(forReadingFrom: logFile) else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }

    static func lastLines(_ text: String, count: Int = 5) -> String {
        text.split(separator: "\n").suffix(count).joined(separator: " | ")
    }
}
