import Crypto
import Foundation

/// `site.id`, `device_identity.id` and `device_snapshot.id` as functions of the ledger, so a
/// catch-up, a killed-and-resumed catch-up, a rebuild and a replay give every row the same id
/// and a link or an extract that kept one stays valid.
///
/// - `device_snapshot.id` is the `seq` of the `device_observed` event the row was mapped from.
/// - `device_identity.id` is the `seq` of the first `device_observed` event of its vendor and
///   key (`subject`) anywhere in the ledger, superseded runs included: appending never adds an
///   earlier seq, so the id is fixed from the device's first observation on, whatever a later
///   correction run of an old day adds or drops, and a replay of any range finds the same event.
/// - `site.id` is derived from the vendor and the site key: a site is not a ledger column (its
///   key sits inside the payload), and decoding every event of the ledger, superseded and
///   out-of-range runs included, to find a site's first observation would make replays of a
///   month cost the whole ledger. See `siteCandidates`.
///
/// All three fit `integer`, the seed's column type, while the ledger holds fewer than 2^31
/// events; beyond that the database refuses the insert ("integer out of range").
public enum SurrogateIDs {
    /// The ids a site may take, in order of preference: 31-bit values of SHA-256 over the vendor
    /// and key, then over the key with a probe number. A site takes the first one no other site
    /// holds. Two sites share a first candidate with a probability of about n²/2³² (n sites:
    /// 2·10⁻⁴ for 1,000 sites); only then does the id depend on which of the two appeared first.
    public static func siteCandidates(vendorID: Int, siteKey: String) -> some Sequence<Int> {
        (0...).lazy.map { probe in
            let text = probe == 0 ? "site|\(vendorID)|\(siteKey)" : "site|\(vendorID)|\(siteKey)|\(probe)"
            let digest = Array(SHA256.hash(data: Data(text.utf8)))
            let value = Int(digest.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } & 0x7FFF_FFFF)
            return max(value, 1)
        }
    }

    /// The first candidate of `siteKey` not in `taken`.
    public static func siteID(vendorID: Int, siteKey: String, taken: Set<Int>) -> Int {
        siteCandidates(vendorID: vendorID, siteKey: siteKey).first { !taken.contains($0) }!
    }
}
