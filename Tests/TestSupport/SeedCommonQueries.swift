/// The original system's "Common Queries" (`seed/CURRENT_DATABASE.md`), in one place for every
/// test that runs them.
public enum SeedCommonQueries {
    /// The seed's "Common Queries", verbatim: the compatibility contract of the read models.
    public static let all: [String] = [
        """
        SELECT snapshot_date, vendor_id, COUNT(*)
        FROM device_snapshot
        GROUP BY snapshot_date, vendor_id
        ORDER BY snapshot_date DESC, vendor_id;
        """,
        """
        SELECT LOWER(SPLIT_PART(hostname, '.', 1)) AS host, COUNT(*)
        FROM device_snapshot
        WHERE snapshot_date = CURRENT_DATE AND vendor_id = 4
        GROUP BY LOWER(SPLIT_PART(hostname, '.', 1))
        HAVING COUNT(*) > 1
        ORDER BY 2 DESC;
        """,
        """
        SELECT type, hostname, date_found, details
        FROM exceptions
        WHERE resolved = FALSE
        ORDER BY date_found DESC, type;
        """,
        """
        SELECT
            snapshot_date,
            vendor_id,
            COUNT(*) as device_count,
            COUNT(DISTINCT site_id) as site_count
        FROM device_snapshot
        WHERE snapshot_date = CURRENT_DATE
        GROUP BY snapshot_date, vendor_id;
        """,
    ]

    public static var devicesPerVendorPerDay: String { all[0] }
    public static var threatLockerDuplicates: String { all[1] }
    public static var unresolvedExceptions: String { all[2] }
    public static var latestDeviceCounts: String { all[3] }
}
