extension PostgresSession {
    /// Takes a transaction-level advisory lock, waiting for it; released at COMMIT/ROLLBACK.
    public func lockForTransaction(_ key: Int64) throws(PostgresError) {
        try query("SELECT pg_advisory_xact_lock(\(key))")
    }

    /// Tries a session-level advisory lock without waiting.
    /// - Returns: false when another session holds it.
    public func tryLock(_ key: Int64) throws(PostgresError) -> Bool {
        try query("SELECT pg_try_advisory_lock(\(key))").first?.decode(Bool.self, 0) ?? false
    }

    public func unlock(_ key: Int64) throws(PostgresError) {
        try query("SELECT pg_advisory_unlock(\(key))")
    }

    /// A stable lock key for a name, so each projection or job locks its own key.
    public static func advisoryKey(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, stable across processes and builds
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }
}
