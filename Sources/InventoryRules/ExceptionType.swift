/// The cross-vendor discrepancies a technician must look at. Raw values are the
/// `exceptions.type` strings of the original system (and the ones it gained since).
public enum ExceptionType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A ThreatLocker device that matches no NinjaOne device: unmanaged, or named differently.
    case missingNinja = "MISSING_NINJA"
    /// Two or more ThreatLocker devices share a canonical key: a reinstall left a stale entry,
    /// and the client is billed twice for protection.
    case duplicateThreatLocker = "DUPLICATE_TL"
    /// A matched pair whose clients (canonical client names) differ.
    case siteMismatch = "SITE_MISMATCH"
    /// ThreatLocker is installed on a device NinjaOne calls spare.
    case spareMismatch = "SPARE_MISMATCH"
    /// A matched pair whose display names differ.
    case displayNameMismatch = "DISPLAY_NAME_MISMATCH"
    /// A billable NinjaOne Windows device with no ThreatLocker: unprotected.
    case missingThreatLocker = "MISSING_THREATLOCKER"

    /// By raw value, the order findings are reported in.
    public static func < (lhs: ExceptionType, rhs: ExceptionType) -> Bool { lhs.rawValue < rhs.rawValue }
}
