import Foundation

/// The cross-vendor checks of one snapshot date on which both vendors have a completed run.
///
/// A ThreatLocker device and a NinjaOne device match when any of their match keys (plus each
/// one's canonical key) are equal. When a ThreatLocker device matches several NinjaOne devices,
/// the pair checks use one of them: a device whose canonical key equals the ThreatLocker
/// device's, else any, the smallest `vendorDeviceKey` first, so the choice never depends on
/// input order.
///
/// Findings about a ThreatLocker device (`MISSING_NINJA`, `DUPLICATE_TL` and the pair checks)
/// are filed under the ThreatLocker device's canonical key; `MISSING_THREATLOCKER` under the
/// NinjaOne device's. A device without a hostname is filed under its smallest match key.
public enum ExceptionRules {
    /// The day's findings, sorted by type then key, at most one per (type, key): devices that
    /// share a key are listed together in one finding's details.
    ///
    /// - Parameter clientName: the client a row belongs to for comparison (its site alias's
    ///   canonical name, else its site name — see `SiteNaming`); compared trimmed and
    ///   case-insensitively, and a blank name on either side is never a site mismatch.
    public static func evaluate(
        ninja: [DeviceSnapshotRow],
        threatLocker: [DeviceSnapshotRow],
        clientName: (DeviceSnapshotRow) -> String
    ) -> [ExceptionFinding] {
        var findings = FindingCollector()
        let ninjaIndex = NinjaKeyIndex(ninja)

        // Grouped by position, so only duplicates' rows are copied.
        let threatLockerByKey = Dictionary(grouping: threatLocker.indices.filter { threatLocker[$0].canonicalKey != nil }) { threatLocker[$0].canonicalKey! }
        for (key, positions) in threatLockerByKey where positions.count > 1 {
            findings.add(.duplicateThreatLocker, key, threatLocker: positions.map { threatLocker[$0] })
        }

        for device in threatLocker {
            guard let key = device.findingKey else { continue }
            guard let match = ninjaIndex.bestMatch(for: device) else {
                findings.add(.missingNinja, key, threatLocker: [device])
                continue
            }
            if SiteNaming.differ(clientName(match), clientName(device)) {
                findings.add(.siteMismatch, key, ninja: [match], threatLocker: [device])
            }
            if match.billingStatus == .spare {
                findings.add(.spareMismatch, key, ninja: [match], threatLocker: [device])
            }
            if displayNamesDiffer(ninja: match, threatLocker: device) {
                findings.add(.displayNameMismatch, key, ninja: [match], threatLocker: [device])
            }
        }

        let protectedKeys = Set(threatLocker.flatMap(\.allMatchKeys))
        for device in ninja where needsThreatLocker(device) && device.allMatchKeys.isDisjoint(with: protectedKeys) {
            guard let key = device.findingKey else { continue }
            findings.add(.missingThreatLocker, key, ninja: [device])
        }
        return findings.sortedFindings(clientName: clientName)
    }

    /// Billable NinjaOne devices running Windows must have ThreatLocker.
    static func needsThreatLocker(_ device: DeviceSnapshotRow) -> Bool {
        device.billingStatus == .billable && device.osName.map(namesWindows) == true
    }

    /// Whether an OS name contains "windows" in any case.
    static func namesWindows(_ osName: String) -> Bool { osName.containsIgnoringCase("windows") }

    /// Both display names present and different after trimming and lowercasing — unless the
    /// ThreatLocker name is just its hostname (`WS-01`, or `ws-01.corp.local` shown as `WS-01`),
    /// which ThreatLocker shows when nobody named the computer. A name that merely starts with
    /// the hostname (`WS-01 | Robert` against `WS-01 | Bob`) is a real difference.
    static func displayNamesDiffer(ninja: DeviceSnapshotRow, threatLocker: DeviceSnapshotRow) -> Bool {
        let ninjaName = SiteNaming.comparisonForm(ninja.displayName ?? "")
        let threatLockerName = SiteNaming.comparisonForm(threatLocker.displayName ?? "")
        guard !ninjaName.isEmpty, !threatLockerName.isEmpty, ninjaName != threatLockerName else { return false }
        return !isHostnameOnly(threatLockerName, hostname: threatLocker.hostname)
    }

    /// True when `name` (already in comparison form) is `hostname` itself or its first label.
    static func isHostnameOnly(_ name: String, hostname: String?) -> Bool {
        let host = SiteNaming.comparisonForm(hostname ?? "")
        guard !host.isEmpty else { return false }
        let shortHost = host.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map {
            SiteNaming.comparisonForm(String($0))
        } ?? host
        return name == host || name == shortHost
    }
}
