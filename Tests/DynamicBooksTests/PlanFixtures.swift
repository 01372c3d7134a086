import AssignmentEngine
import Foundation
@testable import DynamicBooks

/// A seeded generator (SplitMix64), so every generated instance is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Everything one plan needs.
struct PlanInstance {
    var accounts: [ScoredAccount]
    var reps: [Rep]
    var policy: Policy
    var activity: [Activity] = []
    var state: PlanningState = .empty
    var asOf: Day = PlanFixture.asOf

    func plan(mode: PlanMode = .rebalance, using solver: some AssignmentSolver = BruteForceSolver(),
              options: SolveOptions = SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, parallelism: 1)) throws -> Plan {
        try Planner().plan(accounts: accounts, reps: reps, policy: policy, activity: activity, state: state,
                           asOf: asOf, mode: mode, using: solver, options: options)
    }

    func model(mode: PlanMode = .rebalance) throws -> PlanningModel {
        try Planner().buildModel(accounts: accounts, reps: reps, policy: policy, activity: activity, state: state,
                                 asOf: asOf, mode: mode)
    }
}

enum PlanFixture {
    static let asOf = Day(year: 2026, month: 11, day: 30)

    /// A scored account; the tier follows the default thresholds unless given.
    static func account(_ id: String, segment: String = "SMB", theater: String? = "NA", score: Double = 50,
                        tier: Tier? = nil, owner: String? = nil, industry: String? = nil, customer: Bool = false,
                        locked: Bool = false, parent: String? = nil, workload: Double = 1,
                        excludedBy: String? = nil, lastActivity: Day? = nil) -> ScoredAccount {
        let account = Account(id: AccountID(id), segment: segment, theater: theater, industry: industry,
                              score: score, owner: owner.map { RepID($0) }, lastActivity: lastActivity,
                              customer: customer, locked: locked, parentID: parent.map { AccountID($0) },
                              workload: workload)
        return ScoredAccount(account: account, score: score, tier: tier ?? Self.tier(score), segment: segment,
                             theater: theater, workload: workload, excludedBy: excludedBy)
    }

    static func tier(_ score: Double) -> Tier { score >= 75 ? .a : score >= 55 ? .b : score >= 35 ? .c : .d }

    static func rep(_ id: String, segment: String = "SMB", theaters: [String] = ["NA"], capacity: Double = 10,
                    ramp: Double = 1, specialties: [String] = [], unavailableUntil: Day? = nil) -> Rep {
        Rep(id: RepID(id), segment: segment, theaters: theaters, capacity: capacity, ramp: ramp,
            specialties: specialties, unavailableUntil: unavailableUntil)
    }

    /// A policy with fairness off and no move limit unless asked, so small cases isolate one rule.
    static func policy(fairness: FairnessMode = .off, band: Double = 0.15, penalty: Double = 1,
                       maxMoves: Int? = nil, keepWorked: Bool = true, lockCustomers: Bool = true,
                       minTier: Tier = .c) -> Policy {
        var policy = Policy()
        policy.assignment.fairnessMode = fairness
        policy.assignment.fairnessBand = band
        policy.assignment.fairnessPenalty = penalty
        policy.assignment.maxMovesPerRep = maxMoves
        policy.assignment.keepWorked = keepWorked
        policy.assignment.lockCustomers = lockCustomers
        policy.assignment.minTier = minTier
        return policy
    }

    /// A random instance with every feature on: two segments, two theaters, reps covering one,
    /// both or every theater, ramps, specialties, an unavailable rep, families, customers, locked
    /// and worked accounts, owners that left, exclusions, unmapped accounts, rests,
    /// disqualifications, data reviews, bars, inbound load, workloads 1 and 3.
    static func random(accounts n: Int, reps m: Int, fairness: FairnessMode = .soft, band: Double = 0.3,
                       maxMoves: Int? = 2, using rng: inout some RandomNumberGenerator) -> PlanInstance {
        let segments = ["SMB", "ENT"]
        let theaters = ["NA", "EMEA"]
        let industries = ["Software", "Fintech", "Retail", "Health"]
        var reps: [Rep] = []
        for r in 0 ..< m {
            let segment = segments[r % 2]
            let coverage: [String] = switch r % 5 {
            case 0, 1, 3: [theaters[(r / 2) % 2]]
            case 2: theaters
            default: [theaters[(r / 2) % 2]]
            }
            reps.append(rep(String(format: "r%02d", r), segment: segment, theaters: coverage,
                            capacity: Double(Int.random(in: max(2, n / (2 * m)) ... max(3, n / m + 1), using: &rng)) * (segment == "ENT" ? 2 : 1),
                            ramp: r == 3 ? 0.5 : 1, specialties: [industries[r % industries.count]],
                            unavailableUntil: r == m - 1 ? asOf + 10 : nil))
        }
        var accounts: [ScoredAccount] = []
        var activity: [Activity] = []
        var state = PlanningState()
        for a in 0 ..< n {
            let id = String(format: "a%03d", a)
            let segment = segments[Int.random(in: 0 ... 1, using: &rng)]
            let theater: String? = Int.random(in: 0 ..< 20, using: &rng) == 0 ? nil : theaters[Int.random(in: 0 ... 1, using: &rng)]
            let sameSegment = reps.filter { $0.segment == segment }
            let ownerRoll = Int.random(in: 0 ..< 10, using: &rng)
            let owner: String? = ownerRoll < 5 ? sameSegment.randomElement(using: &rng)?.id.rawValue
                : ownerRoll == 5 ? "gone" : nil
            let parent: String? = a > 0 && Int.random(in: 0 ..< 6, using: &rng) == 0
                ? String(format: "a%03d", Int.random(in: max(0, a - 3) ..< a, using: &rng)) : nil
            let score = Double(Int.random(in: 10 ... 100, using: &rng))
            accounts.append(account(
                id, segment: segment, theater: theater, score: score, owner: owner,
                industry: industries.randomElement(using: &rng), customer: Int.random(in: 0 ..< 8, using: &rng) == 0,
                locked: owner != nil && Int.random(in: 0 ..< 12, using: &rng) == 0, parent: parent,
                workload: segment == "ENT" && Int.random(in: 0 ... 1, using: &rng) == 0 ? 3 : 1,
                excludedBy: Int.random(in: 0 ..< 25, using: &rng) == 0 ? "industry" : nil))
            if let owner, Int.random(in: 0 ..< 4, using: &rng) == 0 {
                for d in 0 ..< 3 {
                    activity.append(Activity(accountID: AccountID(id), repID: RepID(owner), date: asOf - (d * 5 + 1),
                                             type: ["call", "email", "meeting"][d]))
                }
            }
            switch Int.random(in: 0 ..< 30, using: &rng) {
            case 0: state.restingUntil[AccountID(id)] = asOf + 20
            case 1: state.restingUntil[AccountID(id)] = asOf - 1   // rest over: assignable again
            case 2: state.disqualified.insert(AccountID(id))
            case 3: state.dataReview.insert(AccountID(id))
            case 4, 5:
                if let rep = reps.filter({ $0.segment == segment }).randomElement(using: &rng) {
                    state.bars.append(.init(accountID: AccountID(id), repID: rep.id, until: asOf + 30))
                }
            default: break
            }
        }
        state.inboundLoad[reps[0].id] = 1
        var policy = policy(fairness: fairness, band: band, maxMoves: maxMoves)
        policy.coverage.minActivities = 2
        return PlanInstance(accounts: accounts, reps: reps, policy: policy, activity: activity, state: state)
    }
}
