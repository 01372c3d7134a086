import AssignmentEngine
import Testing
@testable import DynamicBooks

/// Checks a plan against its inputs with rules re-derived here from SPEC §4, independently of
/// the planner's code. Returns every broken rule (empty = the plan is sound).
enum PlanInvariants {
    static func violations(of plan: Plan, for instance: PlanInstance, mode: PlanMode,
                           checkHardFairness: Bool) -> [String] {
        var issues: [String] = []
        let policy = instance.policy
        let asOf = instance.asOf
        let accounts = Dictionary(uniqueKeysWithValues: instance.accounts.map { ($0.id, $0) })
        let reps = Dictionary(uniqueKeysWithValues: instance.reps.map { ($0.id, $0) })

        // Every account in exactly one of books and pool.
        var seen: [AccountID: Int] = [:]
        for entry in plan.books { seen[entry.accountID, default: 0] += 1 }
        for entry in plan.pool { seen[entry.accountID, default: 0] += 1 }
        for id in accounts.keys where seen[id] != 1 { issues.append("\(id) appears \(seen[id] ?? 0) times") }
        for id in seen.keys where accounts[id] == nil { issues.append("unknown account \(id) in the plan") }
        #expect(plan.books.map(\.accountID) == plan.books.map(\.accountID).sorted())
        #expect(plan.pool.map(\.accountID) == plan.pool.map(\.accountID).sorted())

        let owner = Dictionary(uniqueKeysWithValues: plan.books.map { ($0.accountID, $0.repID) })
        func validOwner(_ a: ScoredAccount) -> RepID? { a.account.owner.flatMap { reps[$0] != nil ? $0 : nil } }
        func gated(_ a: ScoredAccount) -> Bool {
            a.excludedBy != nil || gatedIgnoringExclusion(a)
        }
        func gatedIgnoringExclusion(_ a: ScoredAccount) -> Bool {
            instance.state.disqualified.contains(a.id) || instance.state.dataReview.contains(a.id)
                || instance.state.isResting(a.id, on: asOf) || (a.theater ?? "").isEmpty
        }
        /// Accounts in a book only to keep their family together (excluded or below min_tier).
        let riding = Set(plan.books.filter { $0.withFamily != nil }.map(\.accountID))
        /// A customer kept by lock_customers stays even when an exclude rule matches it.
        func customerKept(_ a: ScoredAccount) -> Bool {
            a.account.customer && policy.assignment.lockCustomers && !gatedIgnoringExclusion(a)
        }
        func barred(_ a: AccountID, _ r: RepID) -> Bool {
            instance.state.bars.contains { $0.accountID == a && $0.repID == r && asOf < $0.until }
        }
        let types = Set(policy.coverage.activityTypes)
        func worked(_ a: ScoredAccount) -> Bool {
            guard let o = a.account.owner else { return false }
            let n = instance.activity.filter {
                $0.accountID == a.id && $0.repID == o && types.contains($0.type)
                    && $0.date > asOf - policy.coverage.windowDays && $0.date <= asOf
            }.count
            return n >= policy.coverage.minActivities
        }
        // Families, by root.
        func root(_ id: AccountID) -> AccountID {
            var current = id
            var hops = 0
            while let parent = accounts[current]?.account.parentID, parent != current, hops < 100 {
                current = parent; hops += 1
            }
            return current
        }
        // A family shares one owner; it may only be split when each part stays with its own
        // previous owner (kept accounts of a family that disagrees).
        var familyReps: [AccountID: Set<RepID>] = [:]
        for (id, rep) in owner { familyReps[root(id), default: []].insert(rep) }
        for (family, repsOfFamily) in familyReps where repsOfFamily.count > 1 {
            let members = instance.accounts.filter { root($0.id) == family && owner[$0.id] != nil }
            if !members.allSatisfy({ validOwner($0) == owner[$0.id] }) {
                issues.append("family \(family) split over \(repsOfFamily.sorted())")
            }
        }
        // An excluded or below-tier member rides with its family instead of waiting in the pool.
        for entry in plan.pool where entry.reason == .excluded || entry.reason == .belowMinTier {
            guard let a = accounts[entry.accountID] else { continue }
            let booked = instance.accounts.filter {
                root($0.id) == root(a.id) && owner[$0.id] != nil && $0.segment == a.segment && $0.theater == a.theater
            }
            // A family whose members disagree on segment or theater has no single book to ride in.
            let members = instance.accounts.filter { root($0.id) == root(a.id) }
            let conflict = Set(members.map { "\($0.segment)|\($0.theater ?? "")" }).count > 1
            if Set(booked.compactMap { owner[$0.id] }).count == 1 && !conflict {
                issues.append("family of \(a.id) split: it waits in the pool (\(entry.reason)) while \(booked[0].id) is in a book")
            }
        }
        // A family member kept with its owner anchors the family there.
        var anchored: [AccountID: RepID] = [:]
        for a in instance.accounts {
            if let o = validOwner(a), owner[a.id] == o { anchored[root(a.id)] = o }
        }

        var load: [RepID: Double] = [:]
        /// Load added to a rep outside the families it keeps.
        var addedLoad: [RepID: Double] = [:]
        var movesIn: [RepID: Int] = [:]
        var familyMoves: [RepID: Int] = [:]
        for (id, r) in owner {
            guard let a = accounts[id], let rep = reps[r] else { issues.append("\(id) booked to unknown \(r)"); continue }
            load[r, default: 0] += a.workload
            let previous = validOwner(a)
            if previous != r && anchored[root(id)] != r { addedLoad[r, default: 0] += a.workload }
            if let previous, previous != r {
                movesIn[r, default: 0] += 1
                if anchored[root(id)] == r { familyMoves[r, default: 0] += 1 }
            }
            if previous == r {
                if gated(a) && !a.account.locked && !riding.contains(id) && !customerKept(a) {
                    issues.append("\(id) kept with \(r) though excluded/resting/…")
                }
                continue
            }
            if gated(a) && !(riding.contains(id) && !gatedIgnoringExclusion(a)) {
                issues.append("\(id) assigned to \(r) though excluded/resting/…")
            }
            let eligible = rep.segment == a.segment && rep.covers(theater: a.theater ?? "")
                && (a.tier >= policy.assignment.minTier || a.account.customer || riding.contains(id))
                && !barred(id, r) && rep.isAvailable(on: asOf)
            if !eligible && anchored[root(id)] != r { issues.append("\(id) assigned to ineligible rep \(r)") }
        }
        for rep in instance.reps {
            let room = max(0, policy.plannedCapacity(of: rep) - (instance.state.inboundLoad[rep.id] ?? 0))
            let l = load[rep.id] ?? 0
            let ok = mode == .topoff ? ((addedLoad[rep.id] ?? 0) == 0 || l <= room + 1e-9) : l <= room + 1e-9
            if !ok { issues.append("\(rep.id) loaded \(l) over room \(room)") }
            if let limit = policy.assignment.maxMovesPerRep,
               (movesIn[rep.id] ?? 0) > limit + (familyMoves[rep.id] ?? 0) {
                issues.append("\(rep.id) takes \(movesIn[rep.id] ?? 0) moves over the limit \(limit)")
            }
        }
        for a in instance.accounts {
            guard let o = validOwner(a) else { continue }
            if a.account.locked && owner[a.id] != o { issues.append("locked \(a.id) left \(o)") }
            if customerKept(a) && a.excludedBy != nil && !barred(a.id, o) && owner[a.id] != o {
                issues.append("customer \(a.id) kept by lock_customers left \(o) for an exclude rule")
            }
            guard !gated(a), !barred(a.id, o) else { continue }
            if mode == .topoff && owner[a.id] != o { issues.append("top-off moved \(a.id) from \(o)") }
            if a.account.customer && policy.assignment.lockCustomers && owner[a.id] != o {
                issues.append("customer \(a.id) left \(o)")
            }
            if mode == .rebalance && policy.assignment.keepWorked && worked(a) && owner[a.id] != o {
                issues.append("worked \(a.id) left \(o)")
            }
        }
        // Customers are never sent to the pool by the optimiser.
        for entry in plan.pool {
            guard let a = accounts[entry.accountID], a.account.customer else { continue }
            let structural: Set<PoolReason> = [.excluded, .disqualified, .dataReview, .resting, .unmapped,
                                               .familyConflict, .noEligibleRep, .repUnavailable, .barred]
            if !structural.contains(entry.reason) { issues.append("customer \(a.id) pooled for \(entry.reason)") }
        }
        // Gates give their own pool reason.
        for entry in plan.pool {
            guard let a = accounts[entry.accountID], !(a.account.locked && validOwner(a) != nil) else { continue }
            if a.excludedBy != nil && entry.reason != .excluded { issues.append("\(a.id) excluded but pooled as \(entry.reason)") }
        }
        if checkHardFairness && policy.assignment.fairnessMode == .hard && mode == .rebalance {
            issues += fairnessViolations(plan: plan, instance: instance)
        }
        return issues
    }

    /// Every compared rep's ratio (available, with capacity) within 1 ± band, in groups of two or more such reps.
    static func fairnessViolations(plan: Plan, instance: PlanInstance) -> [String] {
        let band = instance.policy.assignment.fairnessBand
        var groups: [String: [Rep]] = [:]
        for rep in instance.reps {
            groups[rep.segment + "|" + rep.theaters.sorted().joined(separator: "+"), default: []].append(rep)
        }
        var issues: [String] = []
        for (name, members) in groups {
            let withCapacity = members.filter { instance.policy.plannedCapacity(of: $0) > 0 && $0.isAvailable(on: instance.asOf) }
            guard withCapacity.count >= 2 else { continue }
            let value = Dictionary(uniqueKeysWithValues: withCapacity.map { rep in
                (rep.id, plan.books.filter { $0.repID == rep.id }.reduce(0.0) { $0 + $1.score })
            })
            let total = value.values.reduce(0, +)
            let capacity = withCapacity.reduce(0.0) { $0 + instance.policy.plannedCapacity(of: $1) }
            guard total > 0 else { continue }
            for rep in withCapacity {
                let ratio = (value[rep.id] ?? 0) * capacity / (instance.policy.plannedCapacity(of: rep) * total)
                if ratio < 1 - band - 1e-6 || ratio > 1 + band + 1e-6 {
                    issues.append("\(rep.id) in \(name) has fairness ratio \(ratio) outside 1 ± \(band)")
                }
            }
        }
        return issues
    }
}
