/// One seat on one simulated day: which machine (generation) sits there, since when, under
/// which client and name.
struct SeatState: Sendable, Hashable {
    let seat: DeviceSeat
    /// How many times the machine in the seat has been replaced since day 0.
    var generation = 0
    /// The day the current machine was enrolled (negative for machines older than day 0).
    var enrolledDay: Int
    /// Renames of the current machine.
    var renames = 0
    /// The client the machine belongs to in NinjaOne today.
    var client: Int
    /// The client whose code the current name carries (the client at enrolment or last rename).
    var nameClient: Int
    /// ThreatLocker follows a move between clients two days late.
    var threatLockerClient: Int
    var lastMoveDay: Int?
    var previousClient: Int

    init(seat: DeviceSeat) {
        self.seat = seat
        enrolledDay = -seat.initialAgeDays
        client = seat.homeClient
        nameClient = seat.homeClient
        threatLockerClient = seat.homeClient
        previousClient = seat.homeClient
    }

    var isSpare: Bool { seat.spare != nil }
}
