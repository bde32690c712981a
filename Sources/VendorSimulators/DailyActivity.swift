/// What changes about a machine from one night to the next even when nothing happens to it:
/// when it last checked in, whether it is offline, free disk space, blocked applications.
struct DailyActivity: Sendable {
    /// Seconds since the epoch when the nightly collection runs on the day: 02:10 in Chicago
    /// (08:10 UTC), so every timestamp a vendor reports lies before it.
    let collectionEpoch: Int
    let enrolledEpoch: Double
    let offline: Bool
    let lastContact: Double
    let lastBoot: Double
    let needsReboot: Bool
    let freeSpaceFraction: Double
    let denyCounts: (oneDay: Int, threeDays: Int, sevenDays: Int)

    init(state: SeatState, day: Int, configuration: FleetConfiguration) {
        let seat = state.seat
        let date = configuration.date(ofDay: day)
        collectionEpoch = date.epochSeconds + 8 * 3600 + 600
        let identity: [UInt64] = [configuration.seed, 0xDA, seat.population.rawValue, UInt64(seat.index), UInt64(state.generation)]
        var stable = StableRandom(hashing: identity)
        var today = StableRandom(hashing: identity + [UInt64(day)])
        var thisWeek = StableRandom(hashing: identity + [UInt64(day / 7)])
        let enrolledDate = configuration.date(ofDay: state.enrolledDay)
        enrolledEpoch = Double(enrolledDate.epochSeconds + stable.int(in: 13 * 3600...23 * 3600)) + Double(stable.int(in: 0..<1000)) / 1000
        let offlineDays: Int
        if state.isSpare {
            offlineDays = 20 + thisWeek.int(in: 0...60)
        } else if thisWeek.chance(0.05) {
            offlineDays = 1 + thisWeek.int(in: 0...9) + day % 7
        } else {
            offlineDays = 0
        }
        offline = offlineDays > 0
        let secondsAgo = offline ? offlineDays * 86_400 + today.int(in: 0...40_000) : today.int(in: 5...900)
        lastContact = max(enrolledEpoch + 60, Double(collectionEpoch - secondsAgo) + Double(today.int(in: 0..<1000)) / 1000)
        let uptimeDays = seat.kind.isServer ? stable.int(in: 3...40) : today.int(in: 0...6)
        lastBoot = max(enrolledEpoch, lastContact - Double(uptimeDays * 86_400 + stable.int(in: 0...80_000)))
        needsReboot = today.chance(seat.kind.isServer ? 0.2 : 0.08)
        freeSpaceFraction = min(0.95, max(0.02, stable.unit() * 0.7 + 0.05 - Double(day % 30) * 0.001))
        let oneDay = today.chance(0.7) ? 0 : today.int(in: 1...25)
        let threeDays = oneDay + (today.chance(0.6) ? 0 : today.int(in: 1...40))
        denyCounts = (oneDay, threeDays, threeDays + (today.chance(0.5) ? 0 : today.int(in: 1...90)))
    }
}
