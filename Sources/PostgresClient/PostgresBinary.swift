import Foundation

/// Readers for PostgreSQL's binary wire format of the few types hot paths fetch that way.
public enum PostgresBinary {
    /// Days between 1970-01-01 and PostgreSQL's epoch 2000-01-01.
    static let epochOffsetDays = 10_957
    /// Microseconds between 1970-01-01 and 2000-01-01.
    static let epochOffsetMicros = Int64(epochOffsetDays) * 86_400_000_000

    public static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        bytes.reduce(0) { $0 << 8 | Int64($1) }
    }

    /// int2/int4/int8, by width.
    public static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        switch bytes.count {
        case 2: return Int(Int16(truncatingIfNeeded: int64(bytes)))
        case 4: return Int(Int32(truncatingIfNeeded: int64(bytes)))
        default: return Int(int64(bytes))
        }
    }

    public static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate {
        CalendarDate(daysSinceEpoch: integer(bytes) + epochOffsetDays)
    }

    /// `timestamptz` as microseconds since 1970-01-01 UTC.
    public static func timestampMicros(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        int64(bytes) + epochOffsetMicros
    }

    public static func uuid(_ bytes: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard bytes.count == 16 else { return nil }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    public static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
