/// The inbound routing rule (SPEC §5 `books route`, §6): where a hand-raiser goes.
///
/// In order:
/// 1. **Owner.** An account whose owner is available goes to the owner. If the owner is
///    unavailable the account still stays when it is locked, a customer kept by
///    `assignment.lock_customers`, or part of a family the owner holds; otherwise it is routed
///    to another rep below.
/// 2. **Routable.** Excluded, disqualified, in data review or unmapped accounts go nowhere
///    (`not_routable`). A rest or a tier below `assignment.min_tier` does not stop a hand-raiser:
///    those keep accounts out of *outbound* books, while an inbound account has asked for a rep.
/// 3. **Eligible reps.** Reps of the account's segment that cover its theater, are available on
///    the day and are not barred from it (`returns.same_rep_days`) — as in the planner's
///    ``Eligibility``. Of those, the ones whose free capacity fits the account's workload have room.
/// 4. **Family.** An unowned account whose parent or sibling has an owner goes to that owner
///    (`family_owner`: families share one owner) — but only when that rep is one of the eligible
///    reps with room. A family owner who sells another segment, does not cover the account's
///    theater, is away, is barred from the account or has a full book gets no preference: the
///    account is routed by the strategy, and the decision's detail says why the family owner was
///    passed over. The hard boundaries (theater, segment, capacity) are never crossed to keep a
///    family together.
/// 5. **Strategy** (`routing.strategy`) among the reps with room:
///    - `least_loaded`: lowest load ÷ capacity, ties by routing weight (larger first), then id;
///    - `weighted_round_robin`: ``SmoothWeightedRoundRobin`` over the segment × theater cell, so
///      each rep's share of inbound is proportional to its routing weight.
/// 6. **Overflow** (`routing.overflow`) when eligible reps exist but none has room:
///    `least_loaded` gives the account to the least-loaded one over its capacity, `pool` leaves it
///    in the pool. With no eligible rep at all the account waits in the pool. In both cases an
///    account with an (unavailable) owner stays with that owner rather than going to the pool.
///
/// The rule is pure: the same account, reps, loads, restrictions and round-robin state give the
/// same decision. Loads count inbound like any other account, so a rep that took inbound gets
/// fewer outbound accounts at the next top-off.
public struct RoutingRule: Sendable {
    public var policy: Policy
    /// The day decisions are made on (availability, bars).
    public var day: Day

    public init(policy: Policy, day: Day) { self.policy = policy; self.day = day }

    /// The round-robin cell of an account: its segment and theater, case-insensitively.
    public static func rotationKey(segment: String, theater: String) -> String {
        "\(segment.lowercased())/\(theater.lowercased())"
    }

    /// Decides where `account` goes.
    /// - Parameters:
    ///   - account: the inbound account, with its current owner (`account.account.owner`).
    ///   - familyOwner: the owner of its parent or siblings, if any.
    ///   - reps: the reps to consider (any order; reps of other segments are ignored).
    ///   - loads: workload units in each rep's book now; missing reps carry none.
    ///   - restrictions: rests, bars, disqualifications and data review (of this account at least).
    ///   - rotation: the round-robin state of the account's segment × theater cell; advanced when
    ///     `weighted_round_robin` picks a rep.
    /// - Returns: the decision, with every rep of the segment that was considered.
    /// - Complexity: O(r log r) for the r reps of the account's segment.
    public func decide(_ account: ScoredAccount, familyOwner: RepID? = nil, reps: [Rep], loads: [RepID: Double],
                       restrictions: AccountRestrictions, rotation: inout SmoothWeightedRoundRobin) -> RoutingDecision {
        let owner = account.account.owner
        func named(_ id: RepID) -> Rep? { reps.first { $0.id == id } }
        func load(_ rep: RepID) -> Double { loads[rep] ?? 0 }
        func kept(_ rep: Rep, _ reason: RoutingReason, _ detail: String) -> RoutingDecision {
            RoutingDecision(account: account.id, from: owner, rep: rep.id, reason: reason, detail: detail,
                            load: load(rep.id) + (owner == rep.id ? 0 : account.workload),
                            capacity: policy.plannedCapacity(of: rep), alternatives: [])
        }

        // 1. The owner.
        if let owner, let rep = named(owner) {
            if rep.isAvailable(on: day) { return kept(rep, .owner, "") }
            if let why = staysWithUnavailableOwner(account, familyOwner: familyOwner) {
                return kept(rep, .ownerKept, "\(owner) is unavailable until \(rep.unavailableUntil.map(String.init(describing:)) ?? "?"), but \(why)")
            }
        }
        let fallback = owner.flatMap(named)

        // 2. Accounts that may not be assigned at all.
        if let rule = blockingRule(account, restrictions: restrictions) {
            return RoutingDecision(account: account.id, from: owner, rep: fallback?.id, reason: .notRoutable,
                                   detail: rule.description, load: fallback.map { load($0.id) },
                                   capacity: fallback.map(policy.plannedCapacity(of:)), alternatives: [])
        }

        // 3. Every rep of the segment, judged.
        var alternatives = judge(account, reps: reps, loads: loads, restrictions: restrictions)

        // 4. The family's owner, when it may take the account like any eligible rep.
        var notes: [String] = []
        if owner == nil, let familyOwner {
            if let preferred = alternatives.first(where: { $0.rep == familyOwner && $0.status == .eligible }) {
                return decision(giving: preferred, reason: .familyOwner, note: "its family belongs to \(familyOwner); families share one owner",
                                account: account, alternatives: alternatives)
            }
            notes.append("its family belongs to \(familyOwner), but \(passedOver(familyOwner, account: account, reps: reps, alternatives: alternatives))")
        }

        // 5. The strategy among reps with room; 6. overflow.
        let (chosen, reason, detail) = pick(for: account, among: &alternatives, rotation: &rotation)
        if !detail.isEmpty { notes.append(detail) }
        guard let chosen else {
            if let fallback { notes.append("stays with \(fallback.id)") }
            var decision = RoutingDecision(account: account.id, from: owner, rep: fallback?.id, reason: reason,
                                           detail: notes.joined(separator: "; "),
                                           load: fallback.map { load($0.id) }, capacity: fallback.map(policy.plannedCapacity(of:)),
                                           alternatives: [])
            decision.list(alternatives, limit: Self.listedAlternatives)
            return decision
        }
        return decision(giving: chosen, reason: reason, note: notes.joined(separator: "; "), account: account, alternatives: alternatives)
    }

    /// Every rep of the account's segment, by id, with its load and capacity: ineligible (the
    /// unavailable owner, or the rule that keeps it from the account), full, or eligible.
    private func judge(_ account: ScoredAccount, reps: [Rep], loads: [RepID: Double],
                       restrictions: AccountRestrictions) -> [RoutingAlternative] {
        var alternatives: [RoutingAlternative] = []
        for rep in reps.sorted(by: { $0.id < $1.id }) where rep.segment.equalsIgnoringCase(account.segment) {
            let capacity = policy.plannedCapacity(of: rep)
            var alternative = RoutingAlternative(rep: rep.id, load: loads[rep.id] ?? 0, capacity: capacity,
                                                 routingWeight: rep.routingWeight, status: .eligible)
            if rep.id == account.account.owner {
                alternative.status = .ineligible
                alternative.rule = rep.unavailableUntil.map { "owner, unavailable until \($0)" } ?? "owner, unavailable"
            } else if let rule = repRule(account, rep: rep, restrictions: restrictions) {
                alternative.status = .ineligible
                alternative.rule = rule.description
            } else if alternative.load + account.workload > capacity + Self.tolerance {
                alternative.status = .full
            }
            alternatives.append(alternative)
        }
        return alternatives
    }

    /// The rep `routing.strategy` picks among the eligible `alternatives`, or `routing.overflow`
    /// among the full ones when none has room; `nil` when the account goes to the pool. Eligible
    /// reps that a weighted round robin passes over for a zero weight are marked so.
    /// - Returns: the rep, the reason, and a detail for the ledger (empty when the reason says it all).
    private func pick(for account: ScoredAccount, among alternatives: inout [RoutingAlternative],
                      rotation: inout SmoothWeightedRoundRobin) -> (RoutingAlternative?, RoutingReason, String) {
        let room = alternatives.filter { $0.status == .eligible }
        let full = alternatives.filter { $0.status == .full }
        if !room.isEmpty {
            switch policy.routing.strategy {
            case .leastLoaded:
                return (Self.leastLoaded(room), .leastLoaded, "")
            case .weightedRoundRobin:
                guard let pick = rotation.pick(among: room.map { ($0.rep, $0.routingWeight) }) else {
                    return (Self.leastLoaded(room), .leastLoaded, "no rep with room has a positive routing_weight")
                }
                for i in alternatives.indices where alternatives[i].status == .eligible && SmoothWeightedRoundRobin.units(alternatives[i].routingWeight) == 0 {
                    alternatives[i].status = .zeroWeight
                }
                return (room.first { $0.rep == pick }, .weightedRoundRobin, "")
            }
        }
        if !full.isEmpty {
            switch policy.routing.overflow {
            case .leastLoaded:
                return (Self.leastLoaded(full), .overflow, "every eligible book is full (routing.overflow: least_loaded)")
            case .pool:
                return (nil, .overflowPool, "every eligible book is full (routing.overflow: pool)")
            }
        }
        return (nil, .noEligibleRep, "no available \(account.segment) rep covers \(account.theater ?? "its theater") and may take it")
    }

    /// The decision that gives `account` to `chosen`, one of `alternatives`.
    private func decision(giving chosen: RoutingAlternative, reason: RoutingReason, note: String, account: ScoredAccount,
                          alternatives: [RoutingAlternative]) -> RoutingDecision {
        var alternatives = alternatives
        for i in alternatives.indices where alternatives[i].rep == chosen.rep { alternatives[i].status = .chosen }
        let after = chosen.load + account.workload
        let numbers = "load \(RoutingDecision.number(chosen.load)) → \(RoutingDecision.number(after)) of \(RoutingDecision.number(chosen.capacity))"
        var decision = RoutingDecision(account: account.id, from: account.account.owner, rep: chosen.rep, reason: reason,
                                       detail: note.isEmpty ? numbers : "\(note); \(numbers)",
                                       load: after, capacity: chosen.capacity, alternatives: [])
        decision.list(alternatives, limit: Self.listedAlternatives)
        return decision
    }

    /// Why the family's owner does not get the account: the rule that keeps it from the account,
    /// or its full book.
    private func passedOver(_ familyOwner: RepID, account: ScoredAccount, reps: [Rep],
                            alternatives: [RoutingAlternative]) -> String {
        guard let rep = reps.first(where: { $0.id == familyOwner }) else { return "\(familyOwner) is not a rep of the workspace" }
        guard let judged = alternatives.first(where: { $0.rep == familyOwner }) else {
            return "\(familyOwner) may not take it: \(EligibilityRule.wrongSegment(rep: rep.segment, account: account.segment))"
        }
        switch judged.status {
        case .full:
            return "\(familyOwner)'s book is full (load \(RoutingDecision.number(judged.load)) of \(RoutingDecision.number(judged.capacity)))"
        case .ineligible:
            return "\(familyOwner) may not take it: \(judged.rule ?? "ineligible")"
        case .chosen, .eligible, .zeroWeight:
            return "\(familyOwner) may not take it"
        }
    }

    /// How many reps a decision lists by name; the others of a large cell are counted by status,
    /// so a decision stays a line in the ledger whatever the size of the team.
    public static let listedAlternatives = 8

    /// Loads are sums of workloads; this absorbs their rounding when an account exactly fills a book.
    static let tolerance = 1e-9

    /// Lowest load ÷ capacity; ties by routing weight (larger first), then id. A rep without
    /// capacity counts as infinitely loaded.
    static func leastLoaded(_ candidates: [RoutingAlternative]) -> RoutingAlternative? {
        func ratio(_ a: RoutingAlternative) -> Double { a.capacity > 0 ? a.load / a.capacity : .infinity }
        return candidates.min { a, b in
            let (x, y) = (ratio(a), ratio(b))
            if x != y { return x < y }
            if a.routingWeight != b.routingWeight { return a.routingWeight > b.routingWeight }
            return a.rep < b.rep
        }
    }

    /// Why an account stays with its unavailable owner, if it does.
    func staysWithUnavailableOwner(_ account: ScoredAccount, familyOwner: RepID?) -> String? {
        if account.account.locked { return "the account is locked" }
        if account.account.customer, policy.assignment.lockCustomers { return "customers stay with their owner (assignment.lock_customers)" }
        if let familyOwner, familyOwner == account.account.owner { return "its family stays together" }
        return nil
    }

    /// The rep-level rules of ``Eligibility`` (the segment is matched by the caller): theater,
    /// same-rep bar, availability.
    func repRule(_ account: ScoredAccount, rep: Rep, restrictions: AccountRestrictions) -> EligibilityRule? {
        if let theater = account.theater, !rep.theaters.isEmpty,
           !rep.theaters.contains(where: { $0.equalsIgnoringCase(theater) }) {
            return .wrongTheater(account: theater, rep: rep.theaters)
        }
        if let until = restrictions.barEnd(of: account.id, for: rep.id, on: day) { return .barred(until: until) }
        if !rep.isAvailable(on: day), let until = rep.unavailableUntil { return .unavailable(until: until) }
        return nil
    }

    /// The account-level rules that keep a hand-raiser from every rep.
    func blockingRule(_ account: ScoredAccount, restrictions: AccountRestrictions) -> EligibilityRule? {
        if let rule = account.excludedBy { return .excluded(rule: rule) }
        if restrictions.disqualified.contains(account.id) { return .disqualified }
        if restrictions.inDataReview.contains(account.id) { return .dataReview }
        if account.theater == nil { return .unmappedTheater }
        return nil
    }
}
