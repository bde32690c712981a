/// Replays one seat's changes from day 1 to the requested day: replacements (a new machine),
/// renames and moves between clients. ThreatLocker learns of a move two days after NinjaOne.
enum SeatTimeline {
    static let threatLockerMoveLagDays = 2

    static func state(of seat: DeviceSeat, onDay day: Int, events: SeatEvents, clientCount: Int) -> SeatState {
        var state = SeatState(seat: seat)
        guard day >= 1 else { return state }
        for current in 1...day {
            switch events.change(seat: seat.index, on: current) {
            case .replace:
                state.generation += 1
                state.enrolledDay = current
                state.renames = 0
                state.nameClient = state.client
            case .rename:
                state.renames += 1
                state.nameClient = state.client
            case .move where seat.spare == nil:
                state.previousClient = state.client
                state.client = events.destination(seat: seat.index, on: current, from: state.client, clientCount: clientCount)
                state.lastMoveDay = current
            case .move, nil:
                break
            }
        }
        if let moved = state.lastMoveDay, day - moved < threatLockerMoveLagDays, moved > state.enrolledDay {
            state.threatLockerClient = state.previousClient
        } else {
            state.threatLockerClient = state.client
        }
        return state
    }
}
