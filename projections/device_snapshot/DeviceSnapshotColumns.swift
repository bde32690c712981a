import Foundation
import InventoryRules
import PostgresClient

/// The payload columns of `device_snapshot`, in one place: the projector's COPY writes them in
/// this order (the SQL types repeat `device_snapshot.sql`).
enum DeviceSnapshotColumns {
    enum Value: Sendable {
        case text(String?, limit: Int?)
        case int(Int?)
        case bool(Bool?)
        case timestamp(Date?)
        case decimal(Decimal?)
        case textArray([String])
    }

    /// (column, SQL type, value of a row)
    static let payload: [(String, String, @Sendable (DeviceSnapshotRow) -> Value)] = [
        ("hostname", "varchar(255)", { .text($0.hostname, limit: 255) }),
        ("os_name", "varchar(255)", { .text($0.osName, limit: 255) }),
        ("organization_name", "varchar(255)", { .text($0.organizationName, limit: 255) }),
        ("display_name", "varchar(255)", { .text($0.displayName, limit: 255) }),
        ("device_status", "varchar(100)", { .text($0.deviceStatus, limit: 100) }),
        ("location_name", "varchar(255)", { .text($0.locationName, limit: 255) }),
        ("device_type_name", "varchar(100)", { .text($0.deviceTypeName, limit: 100) }),
        ("billable_status_name", "varchar(100)", { .text($0.billableStatusName, limit: 100) }),
        ("last_online", "timestamptz", { .timestamp($0.lastOnline) }),
        ("agent_install_timestamp", "timestamptz", { .timestamp($0.agentInstallTimestamp) }),
        ("organization_id", "varchar(255)", { .text($0.organizationId, limit: 255) }),
        ("computer_group", "varchar(255)", { .text($0.computerGroup, limit: 255) }),
        ("security_mode", "varchar(100)", { .text($0.securityMode, limit: 100) }),
        ("deny_count_1d", "integer", { .int($0.denyCount1d) }),
        ("deny_count_3d", "integer", { .int($0.denyCount3d) }),
        ("deny_count_7d", "integer", { .int($0.denyCount7d) }),
        ("install_date", "timestamptz", { .timestamp($0.installDate) }),
        ("is_locked_out", "boolean", { .bool($0.isLockedOut) }),
        ("is_isolated", "boolean", { .bool($0.isIsolated) }),
        ("agent_version", "varchar(100)", { .text($0.agentVersion, limit: 100) }),
        ("has_checked_in", "boolean", { .bool($0.hasCheckedIn) }),
        ("has_tpm", "boolean", { .bool($0.hasTPM) }),
        ("tpm_enabled", "boolean", { .bool($0.tpmEnabled) }),
        ("tpm_version", "varchar(100)", { .text($0.tpmVersion, limit: 100) }),
        ("secure_boot_available", "boolean", { .bool($0.secureBootAvailable) }),
        ("secure_boot_enabled", "boolean", { .bool($0.secureBootEnabled) }),
        ("os_architecture", "varchar(100)", { .text($0.osArchitecture, limit: 100) }),
        ("cpu_model", "varchar(255)", { .text($0.cpuModel, limit: 255) }),
        ("system_manufacturer", "varchar(255)", { .text($0.systemManufacturer, limit: 255) }),
        ("system_model", "varchar(255)", { .text($0.systemModel, limit: 255) }),
        ("memory_gib", "numeric(10,2)", { .decimal($0.memoryGiB) }),
        ("volumes", "text", { .text($0.volumes, limit: nil) }),
        ("windows_11_24h2_capable", "boolean", { .bool($0.windows11_24H2Capable) }),
        ("windows_11_24h2_deficiencies", "text", { .text($0.windows11_24H2Deficiencies, limit: nil) }),
        ("os_build", "varchar(100)", { .text($0.osBuild, limit: 100) }),
        ("os_release_id", "varchar(100)", { .text($0.osReleaseId, limit: 100) }),
        ("canonical_key", "varchar(15)", { .text($0.canonicalKey?.value, limit: 15) }),
        ("match_keys", "text[]", { .textArray($0.allMatchKeys.map(\.value).sorted()) }),
    ]

    static var names: [String] { payload.map(\.0) }

    static func write(_ value: Value, to writer: PostgresCopyWriter) {
        switch value {
        case .text(let text, let limit):
            writer.appendText(cut(text, to: limit))
        case .int(let number): writer.appendInt(number)
        case .bool(let flag): writer.appendBool(flag)
        case .timestamp(let date): writer.appendText(date.map(PostgresTimestamp.format))
        case .decimal(let number): writer.appendText(number?.plainText)
        case .textArray(let texts): writer.appendText(PostgresArray.literal(texts))
        }
    }

    /// The same value in binary COPY form (the column's exact type); what the text form above
    /// writes and this one writes read back equal (`DeviceSnapshotColumnsTests`).
    static func write(_ value: Value, to writer: PostgresBinaryCopyWriter) throws {
        switch value {
        case .text(let text, let limit):
            writer.appendText(cut(text, to: limit))
        case .int(let number): try writer.appendInt32(number)
        case .bool(let flag): writer.appendBool(flag)
        case .timestamp(let date): writer.appendTimestamp(date)
        case .decimal(let number): try writer.appendNumeric(number?.plainText)
        case .textArray(let texts): writer.appendTextArray(texts)
        }
    }

    /// The text cut to the column's length in characters (none without a limit).
    static func cut(_ text: String?, to limit: Int?) -> String? {
        guard let text, let limit else { return text }
        return cut(text, to: limit)
    }

    /// The text cut to `limit` characters; a text with no more UTF-8 bytes than that is returned
    /// as it is, without counting its characters or copying it.
    static func cut(_ text: String, to limit: Int) -> String {
        text.utf8.count > limit ? String(text.prefix(limit)) : text
    }
}
