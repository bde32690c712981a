import Foundation
import InventoryJSON

/// One `exceptions` row: a (type, key) condition from the first compared day it was found
/// until it is resolved by a technician or clears by itself.
///
/// Generic over the calendar-day type (`Day`), so this module stays free of any database or
/// calendar type; a projector uses its snapshot-date type. Every stored column is a plain field.
public struct ExceptionEpisode<Day: Hashable & Sendable>: Sendable, Hashable {
    public var type: ExceptionType
    /// `exceptions.hostname`.
    public var key: CanonicalKey
    /// `date_found`: the first compared day of the episode.
    public var dateFound: Day
    /// `last_seen_date`: the newest compared day on which the condition held.
    public var lastSeenDate: Day
    /// Describes `lastSeenDate` (see `ExceptionFinding.details`).
    public var details: JSONValue
    /// Nil while the episode is open.
    public var resolution: ExceptionClosure?
    /// For `.resolved`: who resolved it, when, and why.
    public var resolvedBy: String?
    public var resolvedAt: Date?
    public var note: String?
    /// For `.cleared`: the first compared day on which the condition was absent.
    public var clearedOn: Day?

    public init(
        type: ExceptionType, key: CanonicalKey, dateFound: Day, lastSeenDate: Day, details: JSONValue,
        resolution: ExceptionClosure? = nil, resolvedBy: String? = nil, resolvedAt: Date? = nil,
        note: String? = nil, clearedOn: Day? = nil
    ) {
        self.type = type
        self.key = key
        self.dateFound = dateFound
        self.lastSeenDate = lastSeenDate
        self.details = details
        self.resolution = resolution
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
        self.note = note
        self.clearedOn = clearedOn
    }

    /// The seed's `resolved` column: true once the episode is closed, whichever way.
    public var resolved: Bool { resolution != nil }

    /// Open episodes are the ones the next compared day and resolutions act on.
    public var isOpen: Bool { resolution == nil }
}

/// How an episode closed; raw values are the `exceptions.resolution` column.
public enum ExceptionClosure: String, Sendable, Hashable, CaseIterable {
    /// A technician's `exception_resolved` event closed it.
    case resolved
    /// The condition was absent on a later compared day.
    case cleared
}
