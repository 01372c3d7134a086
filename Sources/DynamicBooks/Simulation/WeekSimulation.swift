/// A seeded model of how a sales team behaves in a week, for `books demo` and for tests of the
/// operating loop: reps work a share of their books, log activity, return some accounts (not
/// all within the guardrails), and inbound hand-raisers arrive.
public struct WeekSimulation: Sendable {
    /// What happened in one week.
    public struct Week: Sendable {
        public var activity: [Activity]
        public var returns: [ReturnRequest]
        public var inbound: [Account]
    }

    /// Per rep, the share of its book it works in a week (0.35…0.95): some reps will fall below
    /// the coverage threshold and see accounts retrieved.
    public var diligence: [RepID: Double]
    /// Per rep, the chance it asks to return an account in a week.
    public var returnRate: Double
    /// Inbound hand-raisers per week.
    public var inboundPerWeek: Int

    /// Draws each rep's diligence.
    public init(reps: [Rep], returnRate: Double = 0.4, inboundPerWeek: Int = 25,
                using rng: inout some RandomNumberGenerator) {
        var diligence: [RepID: Double] = [:]
        for rep in reps.sorted(by: { $0.id < $1.id }) { diligence[rep.id] = Double.random(in: 0.35 ... 0.95, using: &rng) }
        self.diligence = diligence
        self.returnRate = returnRate
        self.inboundPerWeek = inboundPerWeek
    }

    /// One week from `start` (7 days): activity on worked accounts, return requests, inbound.
    /// - Parameters:
    ///   - books: current owner of every owned account.
    ///   - generator: makes the inbound accounts (their ids are prefixed with the week).
    public func week(_ index: Int, start: Day, books: [(account: AccountID, rep: RepID)], policy: Policy,
                     generator: Generator, using rng: inout some RandomNumberGenerator) -> Week {
        let types = policy.coverage.activityTypes.isEmpty ? ["call"] : policy.coverage.activityTypes
        var activity: [Activity] = []
        var bookOf: [RepID: [AccountID]] = [:]
        for entry in books.sorted(by: { $0.account < $1.account }) {
            bookOf[entry.rep, default: []].append(entry.account)
            guard Double.random(in: 0 ..< 1, using: &rng) < (diligence[entry.rep] ?? 0.6) else { continue }
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &rng) {
                activity.append(Activity(accountID: entry.account, repID: entry.rep,
                                         date: start + Int.random(in: 0 ... 6, using: &rng),
                                         type: types[Int.random(in: 0 ..< types.count, using: &rng)]))
            }
        }
        // Returns: mostly policy reasons, now and then one the policy does not know.
        let reasons = policy.returns.reasons.keys.sorted()
        var returns: [ReturnRequest] = []
        for rep in bookOf.keys.sorted() {
            guard let book = bookOf[rep], !book.isEmpty, Double.random(in: 0 ..< 1, using: &rng) < returnRate else { continue }
            let account = book[Int.random(in: 0 ..< book.count, using: &rng)]
            let reason = reasons.isEmpty || Double.random(in: 0 ..< 1, using: &rng) < 0.1
                ? "no_budget" : reasons[Int.random(in: 0 ..< reasons.count, using: &rng)]
            returns.append(ReturnRequest(accountID: account, repID: rep, date: start + Int.random(in: 0 ... 6, using: &rng),
                                         reason: reason, note: "week \(index)"))
        }
        // Inbound: fresh accounts from the same generator, unowned.
        var source = generator
        source.configuration.accounts = inboundPerWeek
        source.configuration.activity = false
        source.configuration.ownedShare = 0
        let inbound = source.generate(using: &rng).accounts.map { template -> Account in
            var account = template
            account.id = AccountID("IN\(index)-\(template.id.rawValue)")
            account.owner = nil; account.ownedSince = nil; account.lastActivity = nil
            account.parentID = nil; account.customer = false; account.locked = false
            return account
        }
        return Week(activity: activity, returns: returns, inbound: inbound)
    }
}
