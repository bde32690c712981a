import InventoryRules

/// The rule functions a projector applies, injectable so a changed rule can be tried against
/// history (`project rebuild` after a matching-logic fix) and tested without editing the rules.
public struct ProjectionRules: Sendable {
    public typealias ExceptionEvaluation = @Sendable (
        _ ninja: [DeviceSnapshotRow], _ threatLocker: [DeviceSnapshotRow], _ clientName: (DeviceSnapshotRow) -> String
    ) -> [ExceptionFinding]

    public var evaluateExceptions: ExceptionEvaluation

    public init(evaluateExceptions: @escaping ExceptionEvaluation) {
        self.evaluateExceptions = evaluateExceptions
    }

    /// The rules of this build.
    public static let standard = ProjectionRules { ninja, threatLocker, clientName in
        ExceptionRules.evaluate(ninja: ninja, threatLocker: threatLocker, clientName: clientName)
    }

    /// A variant of the canonical-key rule that keeps only the first `length` characters of
    /// every key: what a matching-logic change looks like to the exceptions projection.
    public init(exceptionKeyLength length: Int) {
        @Sendable func cut(_ row: DeviceSnapshotRow) -> DeviceSnapshotRow {
            var changed = row
            changed.hostname = row.hostname.flatMap { CanonicalKey($0).map { String($0.value.prefix(length)) } }
            changed.matchKeys = Set(row.matchKeys.compactMap { CanonicalKey(String($0.value.prefix(length))) })
            return changed
        }
        self.init { ninja, threatLocker, clientName in
            ExceptionRules.evaluate(ninja: ninja.map(cut), threatLocker: threatLocker.map(cut), clientName: clientName)
        }
    }
}
