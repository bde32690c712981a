extension EmbeddedPostgres {
    /// The embedded server's settings for this workload, given on every start (they override
    /// `postgresql.conf`, so an existing cluster gets them too):
    /// - `shared_buffers`: the read models of a large MSP (65 days of `device_snapshot` at
    ///   18,000 devices, a few hundred MB with indexes) and the ledger's newest days stay in
    ///   PostgreSQL's cache instead of the default 128 MB.
    /// - `maintenance_work_mem`: a rebuild builds its shadow tables' indexes, and `VACUUM`
    ///   cleans `device_identity` after the nightly last-seen updates, in memory.
    /// - `max_wal_size`, `checkpoint_timeout`: an append or a rebuild writes a few hundred MB of
    ///   WAL; with the defaults (1 GB, 5 min) that forces checkpoints in the middle of a run and
    ///   each page touched afterwards is logged whole again. Crash safety is unchanged (`fsync`
    ///   stays on); only recovery after a crash may take longer.
    public static let serverSettings: [(name: String, value: String)] = [
        ("shared_buffers", "512MB"),
        ("maintenance_work_mem", "256MB"),
        ("max_wal_size", "4GB"),
        ("checkpoint_timeout", "30min"),
    ]
}
