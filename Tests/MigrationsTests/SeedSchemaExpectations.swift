/// The original system's schema, written from `seed/CURRENT_DATABASE.md`: what our migrations
/// and read-model DDL must reproduce name for name.
struct SeedTable {
    let name: String
    /// (column, information_schema data_type)
    let columns: [(String, String)]
    let primaryKey: [String]
    let unique: [[String]]
    let indexes: [String]
}

enum SeedSchema {
    static let tables: [SeedTable] = [
        SeedTable(name: "vendor", columns: [("id", "integer"), ("name", "character varying")], primaryKey: ["id"], unique: [["name"]], indexes: []),
        SeedTable(name: "device_type", columns: [("id", "integer"), ("code", "character varying")], primaryKey: ["id"], unique: [["code"]], indexes: []),
        SeedTable(name: "billing_status", columns: [("id", "integer"), ("code", "character varying")], primaryKey: ["id"], unique: [["code"]], indexes: []),
        SeedTable(
            name: "site",
            columns: [("id", "integer"), ("vendor_id", "integer"), ("vendor_site_key", "character varying"), ("name", "character varying")],
            primaryKey: ["id"], unique: [["vendor_id", "vendor_site_key"]], indexes: ["idx_site_vendor_id", "idx_site_vendor_site_key"]),
        SeedTable(
            name: "site_alias",
            columns: [("id", "integer"), ("canonical_name", "character varying"), ("vendor_id", "integer"), ("vendor_site_key", "character varying")],
            primaryKey: ["id"], unique: [["vendor_id", "vendor_site_key"]], indexes: []),
        SeedTable(
            name: "device_identity",
            columns: [
                ("id", "integer"), ("vendor_id", "integer"), ("vendor_device_key", "character varying"),
                ("first_seen_date", "date"), ("last_seen_date", "date"),
            ],
            primaryKey: ["id"], unique: [["vendor_id", "vendor_device_key"]],
            indexes: [
                "idx_device_identity_vendor_id", "idx_device_identity_vendor_device_key", "idx_device_identity_first_seen",
                "idx_device_identity_last_seen",
            ]),
        SeedTable(
            name: "device_snapshot",
            columns: [
                ("id", "integer"), ("snapshot_date", "date"), ("vendor_id", "integer"), ("device_identity_id", "integer"),
                ("site_id", "integer"), ("device_type_id", "integer"), ("billing_status_id", "integer"),
                ("hostname", "character varying"), ("os_name", "character varying"), ("created_at", "timestamp with time zone"),
                ("organization_name", "character varying"), ("display_name", "character varying"), ("device_status", "character varying"),
                ("location_name", "character varying"), ("device_type_name", "character varying"),
                ("billable_status_name", "character varying"), ("last_online", "timestamp with time zone"),
                ("agent_install_timestamp", "timestamp with time zone"), ("organization_id", "character varying"),
                ("computer_group", "character varying"), ("security_mode", "character varying"), ("deny_count_1d", "integer"),
                ("deny_count_3d", "integer"), ("deny_count_7d", "integer"), ("install_date", "timestamp with time zone"),
                ("is_locked_out", "boolean"), ("is_isolated", "boolean"), ("agent_version", "character varying"),
                ("has_checked_in", "boolean"), ("has_tpm", "boolean"), ("tpm_enabled", "boolean"), ("tpm_version", "character varying"),
                ("secure_boot_available", "boolean"), ("secure_boot_enabled", "boolean"), ("os_architecture", "character varying"),
                ("cpu_model", "character varying"), ("system_manufacturer", "character varying"), ("system_model", "character varying"),
                ("memory_gib", "numeric"), ("volumes", "text"), ("windows_11_24h2_capable", "boolean"),
                ("windows_11_24h2_deficiencies", "text"), ("os_build", "character varying"), ("os_release_id", "character varying"),
            ],
            primaryKey: ["id"], unique: [["snapshot_date", "vendor_id", "device_identity_id"]],
            indexes: [
                "idx_device_snapshot_date", "idx_device_snapshot_vendor_id", "idx_device_snapshot_device_identity_id",
                "idx_device_snapshot_hostname", "idx_device_snapshot_organization_name",
            ]),
        SeedTable(
            name: "daily_counts",
            columns: [
                ("snapshot_date", "date"), ("vendor_id", "integer"), ("site_id", "integer"), ("device_type_id", "integer"),
                ("billing_status_id", "integer"), ("cnt", "integer"),
            ],
            primaryKey: ["snapshot_date", "vendor_id", "site_id", "device_type_id", "billing_status_id"], unique: [],
            indexes: [
                "idx_daily_counts_date", "idx_daily_counts_vendor_id", "idx_daily_counts_site_id", "idx_daily_counts_device_type_id",
                "idx_daily_counts_billing_status_id",
            ]),
        SeedTable(
            name: "month_end_counts",
            columns: [
                ("month_end_date", "date"), ("vendor_id", "integer"), ("site_id", "integer"), ("device_type_id", "integer"),
                ("billing_status_id", "integer"), ("cnt", "integer"),
            ],
            primaryKey: ["month_end_date", "vendor_id", "site_id", "device_type_id", "billing_status_id"], unique: [],
            indexes: [
                "idx_month_end_counts_date", "idx_month_end_counts_vendor_id", "idx_month_end_counts_site_id",
                "idx_month_end_counts_device_type_id", "idx_month_end_counts_billing_status_id",
            ]),
        SeedTable(
            name: "exceptions",
            columns: [
                ("id", "bigint"), ("date_found", "date"), ("type", "character varying"), ("hostname", "character varying"),
                ("details", "jsonb"), ("resolved", "boolean"),
            ],
            primaryKey: ["id"], unique: [], indexes: ["ix_exceptions_type_date", "ix_exceptions_hostname", "ix_exceptions_resolved"]),
        SeedTable(
            name: "job_batches",
            columns: [
                ("batch_id", "character varying"), ("created_at", "timestamp with time zone"), ("status", "character varying"),
                ("priority", "character varying"), ("started_at", "timestamp with time zone"), ("ended_at", "timestamp with time zone"),
                ("progress_percent", "integer"), ("estimated_completion", "timestamp with time zone"), ("message", "text"),
                ("error", "text"), ("duration_seconds", "integer"),
            ],
            primaryKey: ["batch_id"], unique: [], indexes: ["idx_job_batches_status", "idx_job_batches_created_at"]),
        SeedTable(
            name: "job_runs",
            columns: [
                ("job_id", "character varying"), ("batch_id", "character varying"), ("job_name", "character varying"),
                ("status", "character varying"), ("started_at", "timestamp with time zone"), ("updated_at", "timestamp with time zone"),
                ("ended_at", "timestamp with time zone"), ("progress_percent", "integer"), ("message", "text"), ("error", "text"),
                ("duration_seconds", "integer"),
            ],
            primaryKey: ["job_id"], unique: [],
            indexes: ["idx_job_runs_batch_id", "idx_job_runs_job_name", "idx_job_runs_started_at", "idx_job_runs_status"]),
        SeedTable(
            name: "change_log",
            columns: [
                ("change_date", "date"), ("vendor_id", "integer"), ("metric", "text"), ("prev_value", "integer"),
                ("new_value", "integer"), ("delta", "integer"), ("details", "jsonb"),
            ],
            primaryKey: ["change_date", "vendor_id", "metric"], unique: [],
            indexes: ["idx_change_log_date", "idx_change_log_vendor_id", "idx_change_log_metric"]),
    ]
}
