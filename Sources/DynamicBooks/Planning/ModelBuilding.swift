import AssignmentEngine

/// Builds a ``PlanningModel`` from domain values (SPEC §4), in four steps:
/// 1. each account is classified: pooled with a reason, kept with its owner, or free;
/// 2. families (a parent and its children) become one item, or are pooled when they disagree;
/// 3. eligible arcs are laid out item by item, rep by rep;
/// 4. fairness and continuity side rows are added.
struct ModelBuilding: Sendable {
    let mode: PlanMode
    let asOf: Day
    let policy: Policy
    let state: PlanningState
    /// Sorted by id.
    let accounts: [ScoredAccount]
    /// Sorted by id.
    let reps: [Rep]
    let binOfRep: [RepID: Int]
    /// `C(r)` per bin.
    let planned: [Double]
    /// `C(r)` less inbound load per bin.
    let room: [Double]
    /// Per account: owner's bin or −1.
    let ownerBin: [Int32]
    /// Per account: lowercased segment.
    let segmentKey: [String]
    /// Per account: active bars (bins the account may not go to).
    let barredBins: [Int: Set<Int>]
    /// How items of large cells hold their arcs; nil: every eligible arc.
    var restriction: ArcRestriction? = ArcRestriction()

    init(accounts input: [ScoredAccount], reps repInput: [Rep], policy: Policy, state: PlanningState,
         asOf: Day, mode: PlanMode) throws {
        try Self.validate(policy.assignment)
        let accounts = input.sorted { $0.id < $1.id }
        for i in accounts.indices.dropFirst() where accounts[i].id == accounts[i - 1].id {
            throw PlanError.duplicateAccount(accounts[i].id)
        }
        let reps = repInput.sorted { $0.id < $1.id }
        for i in reps.indices.dropFirst() where reps[i].id == reps[i - 1].id {
            throw PlanError.duplicateRep(reps[i].id)
        }
        for scored in accounts {
            guard scored.score.isFinite, scored.score >= 0 else {
                throw PlanError.invalidValue(what: "the score of account \(scored.id)", value: scored.score,
                                             rule: "a score is a finite number ≥ 0")
            }
            guard scored.workload.isFinite, scored.workload >= 0 else {
                throw PlanError.invalidValue(what: "the workload of account \(scored.id)", value: scored.workload,
                                             rule: "a workload is a finite number ≥ 0")
            }
        }
        for rep in reps {
            if let capacity = rep.capacity, !(capacity.isFinite && capacity >= 0) {
                throw PlanError.invalidValue(what: "the capacity of rep \(rep.id)", value: capacity,
                                             rule: "a capacity is a finite number ≥ 0")
            }
            guard rep.ramp.isFinite, rep.ramp >= 0, rep.ramp <= 1 else {
                throw PlanError.invalidValue(what: "the ramp of rep \(rep.id)", value: rep.ramp,
                                             rule: "a ramp is a share between 0 and 1")
            }
        }
        for (rep, load) in state.inboundLoad where !(load.isFinite && load >= 0) {
            throw PlanError.invalidValue(what: "the inbound load of rep \(rep)", value: load,
                                         rule: "a load is a finite number ≥ 0")
        }
        var binOfRep: [RepID: Int] = [:]
        binOfRep.reserveCapacity(reps.count)
        for (bin, rep) in reps.enumerated() { binOfRep[rep.id] = bin }
        let planned = reps.map(policy.plannedCapacity)
        self.room = reps.indices.map { max(0, planned[$0] - (state.inboundLoad[reps[$0].id] ?? 0)) }
        self.ownerBin = accounts.map { scored in
            scored.account.owner.flatMap { binOfRep[$0] }.map { Int32($0) } ?? -1
        }
        self.segmentKey = accounts.map { $0.segment.lowercased() }
        var accountIndex: [AccountID: Int] = [:]
        var barredBins: [Int: Set<Int>] = [:]
        let bars = state.activeBars(on: asOf)
        if !bars.isEmpty {
            accountIndex.reserveCapacity(accounts.count)
            for (i, scored) in accounts.enumerated() { accountIndex[scored.id] = i }
            for (account, repIDs) in bars {
                guard let i = accountIndex[account] else { continue }
                let bins = repIDs.compactMap { binOfRep[$0] }
                if !bins.isEmpty { barredBins[i] = Set(bins) }
            }
        }
        self.barredBins = barredBins
        self.mode = mode; self.asOf = asOf; self.policy = policy; self.state = state
        self.accounts = accounts; self.reps = reps; self.binOfRep = binOfRep; self.planned = planned
    }

    static func validate(_ assignment: AssignmentPolicy) throws {
        func check(_ value: Double, _ key: String, _ rule: String, _ ok: (Double) -> Bool) throws {
            guard value.isFinite, ok(value) else {
                throw PlanError.invalidValue(what: "policy key \(key)", value: value, rule: rule)
            }
        }
        try check(assignment.specialtyFit, "assignment.fit.specialty", "a fit multiplier is a number > 0") { $0 > 0 }
        try check(assignment.incumbentFit, "assignment.fit.incumbent", "a fit multiplier is a number > 0") { $0 > 0 }
        try check(assignment.fairnessBand, "assignment.fairness.band", "the band is a share ≥ 0") { $0 >= 0 }
        try check(assignment.fairnessPenalty, "assignment.fairness.penalty", "the penalty is a number ≥ 0") { $0 >= 0 }
        if let moves = assignment.maxMovesPerRep, moves < 0 {
            throw PlanError.invalidValue(what: "policy key assignment.continuity.max_moves_per_rep",
                                         value: Double(moves), rule: "the move limit is a whole number ≥ 0")
        }
    }

    /// Runs the four steps.
    /// - Throws: ``PlanError/keptOverCapacity(rep:load:capacity:kept:)`` when kept accounts overflow
    ///   a book in rebalance, ``PlanError/infeasible(reasons:hints:)`` when a customer that must be
    ///   assigned fits no eligible rep.
    /// - Parameter extra: arcs to add to items of large cells (by index among the candidate
    ///   items), found by pricing an earlier solve.
    func build(activity: [Activity], extra: [Int: [Int]] = [:]) throws -> PlanningModel {
        let worked = mode == .rebalance && policy.assignment.keepWorked
            ? WorkedAccounts(activity: activity, accounts: accounts, coverage: policy.coverage, asOf: asOf)
            : nil
        let statuses = accounts.indices.map { classify($0, worked: worked) }
        let (candidates, familyPooled, riders) = formItems(statuses: statuses)
        let fixedLoad = try checkKeptLoads(items: candidates)
        let capacities: [Double] = reps.indices.map { bin in
            mode == .topoff ? max(room[bin], fixedLoad[bin]) : room[bin]
        }
        let residual = reps.indices.map { max(0, capacities[$0] - fixedLoad[$0]) }
        let layout = layArcs(items: candidates, residual: residual, extra: extra)
        if !layout.mustAssignWithoutRoom.isEmpty {
            throw PlanError.infeasible(reasons: [], hints: layout.mustAssignWithoutRoom.prefix(5).map { entry in
                let id = accounts[entry.item.accounts[0]].id
                let bins = entry.bins.prefix(5).map { reps[$0].id.rawValue }.joined(separator: ", ")
                return "customer \(id) (workload \(PlanNumber.text(entry.item.workload))) must be assigned but "
                    + "no eligible rep has room (\(bins)\(entry.bins.count > 5 ? ", …" : "")): raise their capacity, "
                    + "or clear its customer flag"
            })
        }

        var prePooled = familyPooled
        for (i, status) in statuses.enumerated() where riders[i] == nil {
            if case .pooled(let reason) = status { prePooled.append(PoolEntry(accountID: accounts[i].id, reason: reason)) }
        }
        for (item, reason) in layout.unplaceable {
            for account in item.accounts {
                // A member riding with its family keeps its own reason when the family waits too.
                prePooled.append(PoolEntry(accountID: accounts[account].id, reason: riders[account] ?? reason))
            }
        }
        prePooled.sort { $0.accountID < $1.accountID }

        let fairness: FairnessMode = mode == .topoff && policy.assignment.fairnessMode == .hard
            ? .soft : policy.assignment.fairnessMode
        let groups = fairnessGroups()
        let groupOfBin = groupIndex(groups)
        var rows: [SideRow] = []
        var meanings: [SideRowMeaning] = []
        let comparedGroupOfBin = groupIndex(groups, compared: true)
        var aggregateOfBin = [Int](repeating: -1, count: reps.count)
        var moveRowOfBin = [Int](repeating: -1, count: reps.count)
        let aggregates = addFairnessRows(mode: fairness, groups: groups, layout: layout, rows: &rows, meanings: &meanings,
                                         aggregateOfBin: &aggregateOfBin)
        let forced = addContinuityRows(layout: layout, rows: &rows, meanings: &meanings, rowOfBin: &moveRowOfBin)

        let items = layout.items
        let model = AssignmentModel(
            itemCount: items.count, capacities: capacities, mustAssign: items.map(\.mustAssign),
            arcStart: layout.arcStart, arcBin: layout.arcBin, arcValue: layout.arcValue,
            arcWeight: layout.arcWeight, fixedArcs: layout.fixedArcs, sideRows: rows, aggregates: aggregates,
            itemNames: items.map { item in
                let first = accounts[item.accounts[0]].id.rawValue
                return item.accounts.count > 1 ? "\(first) (family of \(item.accounts.count))" : first
            },
            binNames: reps.map(\.id.rawValue))
        var planning = PlanningModel(
            mode: mode, asOf: asOf, policy: policy, accounts: accounts, reps: reps, plannedCapacities: planned,
            model: model, items: items, prePooled: prePooled, groups: groups, rowMeanings: meanings,
            ownerBin: ownerBin, groupOfBin: groupOfBin, comparedGroupOfBin: comparedGroupOfBin, forcedMoves: forced,
            riders: riders)
        if !layout.cellBins.isEmpty {
            planning.missingArcs = MissingArcs(
                building: self, activity: activity, extra: extra, cellBins: layout.cellBins,
                restrictedCell: layout.restrictedCell, sourceIndex: layout.sourceIndex, residual: residual,
                aggregateOfBin: aggregateOfBin, moveRowOfBin: moveRowOfBin)
        }
        return planning
    }

    /// The load of kept items per bin; in rebalance, a bin whose kept load exceeds its room is an
    /// error that names the rep and the keys to relax (top-off keeps such books and adds nothing).
    func checkKeptLoads(items: [PlanningItem]) throws -> [Double] {
        var load = Array(repeating: 0.0, count: reps.count)
        var reasons = Array(repeating: [KeepReason: Int](), count: reps.count)
        for item in items {
            guard let bin = item.fixedBin else { continue }
            load[bin] += item.workload
            if let keep = item.keep { reasons[bin][keep, default: 0] += item.accounts.count }
        }
        if mode == .rebalance {
            for bin in reps.indices where load[bin] > room[bin] + 1e-9 {
                throw PlanError.keptOverCapacity(rep: reps[bin].id, load: load[bin], capacity: room[bin],
                                                 kept: reasons[bin])
            }
        }
        return load
    }
}
