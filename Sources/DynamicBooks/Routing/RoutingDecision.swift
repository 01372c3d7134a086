/// Why an inbound account went where it went.
public enum RoutingReason: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The account's owner is available: it keeps the account.
    case owner
    /// The owner is unavailable, but the account stays anyway: it is locked, a customer kept by
    /// `assignment.lock_customers`, or part of a family the owner holds.
    case ownerKept = "owner_kept"
    /// The account has no owner, but its parent or a sibling does: families share one owner.
    case familyOwner = "family_owner"
    /// `routing.strategy: least_loaded` — the eligible rep with the lowest load ÷ capacity.
    case leastLoaded = "least_loaded"
    /// `routing.strategy: weighted_round_robin` — the rep whose turn it is by routing weight.
    case weightedRoundRobin = "weighted_round_robin"
    /// `routing.overflow: least_loaded` — every eligible book is full; the least loaded takes it over capacity.
    case overflow
    /// `routing.overflow: pool` — every eligible book is full; the account waits in the pool
    /// (or stays with its unavailable owner).
    case overflowPool = "overflow_pool"
    /// No rep of the account's segment covers its theater, is available and is not barred from it.
    case noEligibleRep = "no_eligible_rep"
    /// The account may not be assigned at all (excluded, disqualified, in data review, unmapped theater).
    case notRoutable = "not_routable"

    public var description: String { rawValue }
}

/// How a rep of the account's segment fared in a routing decision.
public enum RoutingCandidateStatus: String, Sendable, Hashable, Codable, CodingKeyRepresentable {
    /// The rep the account went to.
    case chosen
    /// Eligible with room, not chosen.
    case eligible
    /// Eligible, but the account's workload does not fit in the rep's free capacity.
    case full
    /// Weighted round robin only: eligible with room, but a routing weight of 0.
    case zeroWeight = "zero_weight"
    /// Kept from the account by a rule (theater, same-rep bar, availability).
    case ineligible
}

/// One rep considered for an inbound account: its load and capacity before the decision and
/// what kept it from the account, if anything.
public struct RoutingAlternative: Sendable, Hashable, Codable {
    public var rep: RepID
    /// Workload units in the rep's book before the decision.
    public var load: Double
    /// Capacity × ramp, in workload units.
    public var capacity: Double
    public var routingWeight: Double
    public var status: RoutingCandidateStatus
    /// The rule that made it ineligible, e.g. `unavailable until 2026-12-10`.
    public var rule: String?

    public init(rep: RepID, load: Double, capacity: Double, routingWeight: Double,
                status: RoutingCandidateStatus, rule: String? = nil) {
        self.rep = rep; self.load = load; self.capacity = capacity; self.routingWeight = routingWeight
        self.status = status; self.rule = rule
    }
}

/// Where an inbound account goes and why.
public struct RoutingDecision: Sendable, Hashable, Codable {
    public var account: AccountID
    /// The account's owner before the decision.
    public var from: RepID?
    /// The account's owner after the decision; `nil` = the pool.
    public var rep: RepID?
    public var reason: RoutingReason
    /// The numbers or the rule behind the reason, in words.
    public var detail: String
    /// The chosen rep's load after the decision, in workload units (nil when the account is in the pool).
    public var load: Double?
    /// The chosen rep's capacity in workload units.
    public var capacity: Double?
    /// The reps of the account's segment that were considered, by id (empty when the owner keeps
    /// it): all of them in a small cell; in a large one the chosen rep, the runners-up and the
    /// first ineligible ones, up to ``RoutingRule/listedAlternatives``.
    public var alternatives: [RoutingAlternative]
    /// The reps considered but not listed, counted by status.
    public var unlisted: [RoutingCandidateStatus: Int]

    public init(account: AccountID, from: RepID?, rep: RepID?, reason: RoutingReason, detail: String,
                load: Double?, capacity: Double?, alternatives: [RoutingAlternative],
                unlisted: [RoutingCandidateStatus: Int] = [:]) {
        self.account = account; self.from = from; self.rep = rep; self.reason = reason; self.detail = detail
        self.load = load; self.capacity = capacity; self.alternatives = alternatives; self.unlisted = unlisted
    }

    /// Keeps at most `limit` of `considered` in ``alternatives`` — the chosen rep, then those with
    /// room or full from the least loaded up, then the ineligible — and counts the rest.
    mutating func list(_ considered: [RoutingAlternative], limit: Int) {
        guard considered.count > limit else { alternatives = considered; unlisted = [:]; return }
        func rank(_ a: RoutingAlternative) -> Int {
            switch a.status {
            case .chosen: 0
            case .eligible, .zeroWeight, .full: 1
            case .ineligible: 2
            }
        }
        func ratio(_ a: RoutingAlternative) -> Double { a.capacity > 0 ? a.load / a.capacity : .infinity }
        let ranked = considered.sorted { a, b in
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            if rank(a) == 1, ratio(a) != ratio(b) { return ratio(a) < ratio(b) }
            return a.rep < b.rep
        }
        alternatives = ranked.prefix(limit).sorted { $0.rep < $1.rep }
        unlisted = [:]
        for a in ranked.dropFirst(limit) { unlisted[a.status, default: 0] += 1 }
    }

    /// Whether the decision moves the account to another book (or into one).
    public var changesOwner: Bool { from != rep }

    /// The decision as one line for the ledger and the terminal:
    /// `R2 (least_loaded): load 12/150 → 13/150; also R1 30/150, R3 unavailable until 2026-12-10`.
    public var summary: String {
        var text = "\(rep?.rawValue ?? "pool") (\(reason))"
        if !detail.isEmpty { text += ": \(detail)" }
        let others = alternatives.filter { $0.status != .chosen }
        if !others.isEmpty {
            text += "; also " + others.map { a in
                var part = "\(a.rep) \(Self.number(a.load))/\(Self.number(a.capacity))"
                switch a.status {
                case .chosen, .eligible: break
                case .full: part += " full"
                case .zeroWeight: part += " weight 0"
                case .ineligible: part = "\(a.rep) \(a.rule ?? "ineligible")"
                }
                return part
            }.joined(separator: ", ")
        }
        let more = unlisted.values.reduce(0, +)
        if more > 0 {
            let counts: [(RoutingCandidateStatus, String)] = [(.eligible, "with room"), (.zeroWeight, "with weight 0"),
                                                               (.full, "full"), (.ineligible, "ineligible")]
            text += " and \(more) more (" + counts.compactMap { status, words in
                unlisted[status].map { "\($0) \(words)" }
            }.joined(separator: ", ") + ")"
        }
        return text
    }

    /// Integers without decimals, others with up to two.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let hundredths = (x * 100).rounded() / 100
        return String(hundredths)
    }
}
