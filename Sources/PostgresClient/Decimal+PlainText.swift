import Foundation

extension Decimal {
    /// The plain decimal text of the value (`15.88`, `-0.5`, `1200`), as `numeric` reads it: the
    /// text `NSDecimalNumber` writes, without allocating an `NSDecimalNumber` per value.
    public var plainText: String { description }
}
