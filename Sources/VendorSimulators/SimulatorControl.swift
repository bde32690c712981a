/// The switches of a running simulator — the simulated day, pending faults, issued tokens and
/// the request log — isolated in an actor so a test can change them while requests are in
/// flight.
public actor SimulatorControl {
    /// The fleet source shared by every day served.
    public let generator: FleetGenerator
    /// The simulated day being served.
    public private(set) var day: Int
    /// Serve only whole pages: the fleet cut to a multiple of the page size each request asks
    /// for, so the last page is full and the client must stop at the empty page after it.
    public private(set) var servesWholePagesOnly = false
    /// Added to ThreatLocker's `totalRows`, as when the result changed while it was paged.
    public private(set) var totalRowsAdjustment = 0
    private var cachedFleet: SimulatedFleet?
    private var faults: [SimulatorFault] = []
    private var log: [RecordedRequest] = []
    private var tokens: [String: ContinuousClock.Instant] = [:]
    private var everIssued: [String] = []

    init(generator: FleetGenerator, day: Int) {
        precondition(day >= 0, "simulated days start at 0")
        self.generator = generator
        self.day = day
    }

    /// The fleet of the current day, exactly as served (before any page cut).
    public func fleet() -> SimulatedFleet {
        if let cachedFleet, cachedFleet.day == day { return cachedFleet }
        let fleet = generator.fleet(onDay: day)
        cachedFleet = fleet
        return fleet
    }

    /// Serves simulated day `newDay` from the next request on.
    public func setDay(_ newDay: Int) {
        precondition(newDay >= 0, "simulated days start at 0")
        day = newDay
    }

    /// Serves the day of a calendar date; false (and no change) before the fleet's first day.
    @discardableResult
    public func setDate(_ date: CivilDate) -> Bool {
        guard let index = generator.configuration.dayIndex(of: date) else { return false }
        day = index
        return true
    }

    /// Turns the whole-pages cut on or off (the "fleet is an exact multiple" fault).
    public func setServesWholePagesOnly(_ flag: Bool) { servesWholePagesOnly = flag }

    /// Makes ThreatLocker report `totalRows` off by `adjustment` (0 restores the truth).
    public func setTotalRowsAdjustment(_ adjustment: Int) { totalRowsAdjustment = adjustment }

    /// Adds a fault; several may be pending, the first matching one fires.
    public func inject(_ fault: SimulatorFault) { faults.append(fault) }

    /// Drops every pending fault.
    public func clearFaults() { faults.removeAll() }

    /// Faults that have not used up their `times` yet.
    public func pendingFaults() -> [SimulatorFault] { faults }

    /// Every request answered so far, in order.
    public func requests() -> [RecordedRequest] { log }

    /// How many requests an endpoint received, whatever their status.
    public func requestCount(for endpoint: SimulatedEndpoint) -> Int { log.count(where: { $0.endpoint == endpoint }) }

    /// Empties the request log, to count a later phase of a test on its own.
    public func clearRequests() { log.removeAll() }

    /// Forgets every issued NinjaOne token, as if they had all expired.
    public func expireTokens() { tokens.removeAll() }

    /// Every NinjaOne token issued so far, expired ones included, so a test can prove none of
    /// them leaked into an error or a log line.
    public func issuedTokens() -> [String] { everIssued }

    func takeFault(for endpoint: SimulatedEndpoint, page: Int?) -> SimulatorFault.Kind? {
        guard let index = faults.firstIndex(where: { $0.matches(endpoint, page: page) }) else { return nil }
        let kind = faults[index].kind
        if let remaining = faults[index].times {
            faults[index].times = remaining - 1
            if remaining - 1 <= 0 { faults.remove(at: index) }
        }
        return kind
    }

    func record(_ request: RecordedRequest) { log.append(request) }

    func issueToken(lifetime: Duration) -> String {
        var random = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(random.next(), radix: 36) }.joined()
        tokens[token] = .now + lifetime
        everIssued.append(token)
        return token
    }

    func isValid(token: String) -> Bool {
        guard let expiry = tokens[token] else { return false }
        return ContinuousClock.now < expiry
    }
}
