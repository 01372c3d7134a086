import DynamicBooks

/// Where an account is and why (`books explain`).
public struct AccountExplanation: Sendable, Hashable, Codable {
    public var account: AccountID
    public var name: String
    public var score: Double
    public var tier: Tier
    public var segment: String
    public var theater: String?
    public var workload: Double
    public var customer: Bool
    public var locked: Bool
    public var parent: AccountID?
    public var excludedBy: String?
    /// The day the explanation is for.
    public var asOf: Day
    /// The current owner; nil = in the pool.
    public var owner: RepID?
    public var ownedSince: Day?
    /// The rule that keeps the account from every rep today, if any (excluded, resting, …).
    public var blockedBy: String?
    /// Reps the account is barred from today, with the day each bar ends.
    public var bars: [Bar]
    /// The lock made by hand (`books assign --lock`) that holds today, if any.
    public var lock: AccountLock?
    /// Every ledger row about it, oldest first.
    public var history: [LedgerEntry]
    /// Every rep of its segment: best value first, then the ineligible ones by id.
    public var reps: [RepFit]
    /// How many reps sell to other segments (ineligible: wrong segment).
    public var otherSegmentReps: Int

    public struct Bar: Sendable, Hashable, Codable {
        public var rep: RepID
        public var until: Day
    }

    /// One rep's view of the account.
    public struct RepFit: Sendable, Hashable, Codable {
        public var rep: RepID
        public var name: String
        public var isOwner: Bool
        public var eligible: Bool
        /// `v(a,r)` when eligible.
        public var value: Double?
        /// The rule's code when ineligible (`barred`, `wrong_theater`, …).
        public var rule: String?
        /// The rule in words: `barred until 2027-05-28 (returns.same_rep_days)`.
        public var because: String?
        /// Workload units in the rep's book now.
        public var load: Double
        /// Capacity × ramp.
        public var capacity: Double
        /// Whether the account would fit next to the book (always true for its owner).
        public var hasRoom: Bool
    }
}

extension WorkspaceReader {
    /// Explains one account as of `day`.
    /// - Throws: ``WorkspaceError/unknownAccount(_:)``.
    public func explain(_ id: AccountID, on day: Day) throws -> AccountExplanation {
        guard let scored = try account(id) else { throw WorkspaceError.unknownAccount(id) }
        let policy = try policy()
        let restrictions = try restrictions(of: id)
        let eligibility = Eligibility(policy: policy, restrictions: restrictions, day: day)
        let loads = try loads()
        let reps = try reps()
        var fits: [AccountExplanation.RepFit] = []
        for rep in reps where rep.segment == scored.segment {
            var fit = AccountExplanation.RepFit(
                rep: rep.id, name: rep.name, isOwner: scored.account.owner == rep.id, eligible: false,
                load: loads[rep.id] ?? 0, capacity: eligibility.capacity(of: rep), hasRoom: true)
            fit.hasRoom = fit.isOwner || fit.load + scored.workload <= fit.capacity + 1e-9
            switch eligibility.verdict(for: scored, rep: rep) {
            case let .eligible(value): fit.eligible = true; fit.value = value
            case let .ineligible(rule): fit.rule = rule.code; fit.because = rule.description
            }
            fits.append(fit)
        }
        fits.sort { a, b in
            switch (a.value, b.value) {
            case let (x?, y?): x != y ? x > y : a.rep < b.rep
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.rep < b.rep
            }
        }
        let bars = (restrictions.barredUntil[id] ?? [:])
            .filter { day < $0.value }
            .map { AccountExplanation.Bar(rep: $0.key, until: $0.value) }
            .sorted { $0.rep < $1.rep }
        return AccountExplanation(
            account: id, name: scored.account.name, score: scored.score, tier: scored.tier, segment: scored.segment,
            theater: scored.theater, workload: scored.workload, customer: scored.account.customer,
            locked: scored.account.locked, parent: scored.account.parentID, excludedBy: scored.excludedBy, asOf: day,
            owner: scored.account.owner, ownedSince: scored.account.ownedSince,
            blockedBy: eligibility.accountRule(for: scored)?.description, bars: bars,
            lock: try self.lock(of: id).flatMap { $0.holds(on: day) ? $0 : nil },
            history: try ledger.history(of: id), reps: fits,
            otherSegmentReps: reps.count - fits.count)
    }
}
