/// Which seats change on which day. Every change is a pure function of the seed, the seat and
/// the day, and a few changes are forced each day so that consecutive days always differ in
/// NinjaOne (at least one new device, one retired device, one rename and one move between
/// clients).
struct SeatEvents: Sendable {
    enum Change: Sendable, Equatable { case replace, rename, move }

    private struct ForcedSeats: Sendable {
        let replaced: Int
        let renamed: Int
        let moved: Int?
    }

    let seed: UInt64
    let population: DeviceSeat.Population
    private let forced: [ForcedSeats]

    static let replaceProbability = 0.0012
    static let renameProbability = 0.0006
    static let moveProbability = 0.0003

    /// - Parameters:
    ///   - movableSeats: seats that may move between clients (spares stay on the shelf).
    ///   - forcedThroughDay: the last day for which daily changes are forced; none when nil.
    init(seed: UInt64, population: DeviceSeat.Population, seatCount: Int, movableSeats: [Int], forcedThroughDay: Int?) {
        self.seed = seed
        self.population = population
        guard let lastDay = forcedThroughDay, lastDay >= 1, seatCount >= 3 else {
            forced = []
            return
        }
        forced = (0...lastDay).map { day in
            let replaced = Int(StableRandom.hash(seed, 0xF1, UInt64(day)) % UInt64(seatCount))
            var renamed = Int(StableRandom.hash(seed, 0xF2, UInt64(day)) % UInt64(seatCount))
            if renamed == replaced { renamed = (renamed + 1) % seatCount }
            var moved: Int?
            if !movableSeats.isEmpty {
                var position = Int(StableRandom.hash(seed, 0xF3, UInt64(day)) % UInt64(movableSeats.count))
                for _ in 0..<movableSeats.count where moved == nil {
                    let candidate = movableSeats[position]
                    if candidate != replaced && candidate != renamed { moved = candidate }
                    position = (position + 1) % movableSeats.count
                }
            }
            return ForcedSeats(replaced: replaced, renamed: renamed, moved: moved)
        }
    }

    /// The change, if any, that happens to the seat on the day (at most one per seat and day).
    func change(seat: Int, on day: Int) -> Change? {
        if day < forced.count, day >= 1 {
            let today = forced[day]
            if today.replaced == seat { return .replace }
            if today.renamed == seat { return .rename }
            if today.moved == seat { return .move }
        }
        let draw = StableRandom.unitInterval(StableRandom.hash(seed, population.rawValue, UInt64(seat), UInt64(day)))
        if draw < Self.replaceProbability { return .replace }
        if draw < Self.replaceProbability + Self.renameProbability { return .rename }
        if draw < Self.replaceProbability + Self.renameProbability + Self.moveProbability { return .move }
        return nil
    }

    /// The client a moved machine goes to: any client but its current one.
    func destination(seat: Int, on day: Int, from client: Int, clientCount: Int) -> Int {
        guard clientCount > 1 else { return client }
        let offset = 1 + Int(StableRandom.hash(seed, 0xF4, UInt64(seat), UInt64(day)) % UInt64(clientCount - 1))
        return (client + offset) % clientCount
    }
}
