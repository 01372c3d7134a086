/// One run of one arm: the weekly loop on arrays indexed by account and rep.
///
/// Each week: reps work the best of their books by their own noisy view of the score; worked
/// accounts may open an opportunity (and convert); in dynamic arms reps return unproductive
/// accounts within the guardrails, unworked accounts are retrieved, inbound hand-raisers are
/// routed to the least-loaded rep with room, and the top-off fills freed capacity from the pool
/// in `topoff.order` (score first). The top-off is incremental: it looks only at the pool of a
/// cell and the reps of that cell with room, never at the books that stay.
struct ArmRun {
    struct WeekValues: Sendable {
        var opportunities = 0.0, worked = 0.0, abCoverage = 0.0, abWaiting = 0.0, pool = 0.0, utilisation = 0.0
    }
    struct Outcome: Sendable {
        var values: [SimulationMeasure: Double]
        var weekly: [WeekValues]
    }

    let world: SimulationWorld
    let arm: SimulationWorld.Arm
    let random: CommonRandom
    let run: Int

    // Per account (originals, then inbound as they arrive).
    var owner: [Int32] = []
    var lastOwner: [Int32] = []
    var template: [Int32] = []
    var ownedSince: [Int] = []
    var lastWorked: [Int] = []
    var touches: [Int32] = []
    var hasOpportunity: [Bool] = []
    var customer: [Bool] = []
    var workedEver: [Bool] = []
    var restingUntil: [Int] = []
    var barredRep: [Int32] = []
    var barredUntil: [Int] = []
    var pooledSince: [Int] = []
    var positionInBook: [Int32] = []
    // Per rep.
    var books: [[Int32]] = []
    var load: [Double] = []
    var opportunities: [Int] = []
    var moves: [Int] = []
    var returnDays: [[Int]] = []
    // Per cell: pool accounts sorted best first, and those that entered since the last top-off.
    var pool: [[Int32]] = []
    var entered: [[Int32]] = []

    init(world: SimulationWorld, arm: SimulationWorld.Arm, random: CommonRandom, run: Int) {
        self.world = world; self.arm = arm; self.random = random; self.run = run
    }

    private func score(_ a: Int) -> Double { arm.score[Int(template[a])] }
    private func workload(_ a: Int) -> Double { arm.workload[Int(template[a])] }
    private func isAB(_ a: Int) -> Bool { let t = world.trueTier[Int(template[a])]; return t == .a || t == .b }

    /// Pool order: `topoff.order` is score first; ties by revenue, then id (by index: ids are sorted,
    /// inbound ids after the originals).
    private func better(_ x: Int32, _ y: Int32) -> Bool {
        let a = Int(template[Int(x)]), b = Int(template[Int(y)])
        if arm.score[a] != arm.score[b] { return arm.score[a] > arm.score[b] }
        if arm.revenue[a] != arm.revenue[b] { return arm.revenue[a] > arm.revenue[b] }
        return x < y
    }

    mutating func simulate(afterWeek: (Int) -> Void) -> Outcome {
        let n = world.accounts.count
        let start = world.start.daysSinceEpoch
        owner = arm.startOwner
        lastOwner = arm.startOwner
        template = (0 ..< n).map(Int32.init)
        ownedSince = Array(repeating: start, count: n)
        lastWorked = Array(repeating: Int.min / 2, count: n)
        touches = Array(repeating: 0, count: n)
        hasOpportunity = Array(repeating: false, count: n)
        customer = world.accounts.map(\.customer)
        workedEver = Array(repeating: false, count: n)
        restingUntil = Array(repeating: Int.min / 2, count: n)
        barredRep = Array(repeating: -1, count: n)
        barredUntil = Array(repeating: Int.min / 2, count: n)
        pooledSince = Array(repeating: start, count: n)
        positionInBook = Array(repeating: -1, count: n)
        let repCount = world.reps.count
        books = Array(repeating: [], count: repCount)
        load = Array(repeating: 0, count: repCount)
        opportunities = Array(repeating: 0, count: repCount)
        moves = Array(repeating: 0, count: repCount)
        returnDays = Array(repeating: [], count: repCount)
        pool = Array(repeating: [], count: arm.cellReps.count)
        entered = Array(repeating: [], count: arm.cellReps.count)
        let repIndex = Dictionary(uniqueKeysWithValues: world.reps.enumerated().map { ($1.id, Int32($0)) })
        for a in 0 ..< n {
            let r = owner[a]
            if r >= 0 {
                place(a, with: r)
                if let before = world.accounts[a].owner.flatMap({ repIndex[$0] }), before != r { moves[Int(r)] += 1 }
            } else {
                enterPool(a, day: start)
            }
        }
        let diligence = world.reps.indices.map { r in
            world.behaviour.diligence(of: world.reps[r], draw: random.uniform(.diligence, run: run, world.repKeys[r]))
        }

        var weekly: [WeekValues] = []
        for w in 0 ..< world.weeks {
            let day = start + 7 * w
            var week = WeekValues()
            work(week: w, day: day, diligence: diligence, into: &week)
            if arm.dynamic {
                returnsAndRetrievals(week: w, day: day)
            }
            inbound(week: w, day: day)
            if arm.dynamic { topOff(day: day) }
            measure(day: day + 6, into: &week)
            weekly.append(week)
            afterWeek(w + 1)
        }
        return Outcome(values: finalValues(weekly: weekly, end: start + 7 * world.weeks - 1), weekly: weekly)
    }

    // MARK: - Books

    private mutating func place(_ a: Int, with r: Int32) {
        owner[a] = r
        positionInBook[a] = Int32(books[Int(r)].count)
        books[Int(r)].append(Int32(a))
        load[Int(r)] += workload(a)
    }

    private mutating func unplace(_ a: Int) {
        let r = Int(owner[a])
        let position = Int(positionInBook[a])
        let last = books[r].removeLast()
        if last != Int32(a) {
            books[r][position] = last
            positionInBook[Int(last)] = Int32(position)
        }
        positionInBook[a] = -1
        load[r] -= workload(a)
        lastOwner[a] = Int32(r)
        owner[a] = -1
    }

    private mutating func enterPool(_ a: Int, day: Int) {
        pooledSince[a] = day
        let c = Int(arm.cellOfAccount[Int(template[a])])
        if arm.dynamic, c >= 0, arm.assignable[Int(template[a])] { entered[c].append(Int32(a)) }
    }

    private mutating func assign(_ a: Int, to r: Int32, day: Int) {
        if lastOwner[a] >= 0 && lastOwner[a] != r { moves[Int(r)] += 1 }
        place(a, with: r)
        ownedSince[a] = day
        touches[a] = 0
    }

    // MARK: - The week

    private mutating func work(week w: Int, day: Int, diligence: [Double], into values: inout WeekValues) {
        let b = world.behaviour
        for r in world.reps.indices where world.reps[r].isAvailable(on: Day(daysSinceEpoch: day)) {
            let wanted = diligence[r] * b.workRate * arm.capacity[r]
            guard wanted > 0, !books[r].isEmpty else { continue }
            var count = Int(wanted)
            if random.uniform(.workFraction, run: run, world.repKeys[r], week: w) < wanted - Double(count) { count += 1 }
            var picked = books[r]
            if count < picked.count {
                let views = picked.map { a -> (Double, Int32) in
                    let noise = b.viewNoise * random.normal(.view, run: run, world.accountKeys[Int(a)], world.repKeys[r], week: w)
                    return (score(Int(a)) + noise, a)
                }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
                picked = views.prefix(count).map(\.1)
            }
            for a32 in picked {
                let a = Int(a32)
                lastWorked[a] = day
                touches[a] += 1
                workedEver[a] = true
                values.worked += 1
                guard !hasOpportunity[a] else { continue }
                let key = world.accountKeys[a], source = Int(template[a])
                let chance = b.opportunityChance(score: world.trueScore[source], tier: world.trueTier[source])
                if random.uniform(.opportunity, run: run, key, week: w) < chance {
                    hasOpportunity[a] = true
                    opportunities[r] += 1
                    values.opportunities += 1
                    if random.uniform(.conversion, run: run, key) < b.conversionChance { customer[a] = true }
                }
            }
        }
    }

    private mutating func returnsAndRetrievals(week w: Int, day: Int) {
        let returns = arm.policy.returns, coverage = arm.policy.coverage
        let rest = returns.reasons["not_interested"]?.restDays ?? 90
        for r in world.reps.indices {
            returnDays[r].removeAll { $0 <= day - 30 }
            var leaving: [(Int, Bool)] = []   // (account, returned)
            for a32 in books[r] {
                let a = Int(a32)
                guard !customer[a], !hasOpportunity[a], !world.locked[Int(template[a])] else { continue }
                let held = day - ownedSince[a]
                if held >= returns.minHoldDays, Int(touches[a]) >= returns.minActivities,
                   returnDays[r].count + leaving.filter(\.1).count < returns.maxPerRepPer30Days,
                   random.uniform(.returns, run: run, world.accountKeys[a], world.repKeys[r], week: w) < world.behaviour.returnChance {
                    leaving.append((a, true))
                } else if held >= coverage.graceDays, day - max(lastWorked[a], ownedSince[a]) >= coverage.retrieveAfterDays {
                    leaving.append((a, false))
                }
            }
            for (a, returned) in leaving.sorted(by: { $0.0 < $1.0 }) {
                unplace(a)
                if returned { restingUntil[a] = day + rest; returnDays[r].append(day) }
                barredRep[a] = Int32(r)
                barredUntil[a] = day + returns.sameRepDays
                enterPool(a, day: day)
            }
        }
    }

    private mutating func inbound(week w: Int, day: Int) {
        let perWeek = world.behaviour.inboundPerWeek
        guard perWeek > 0, !world.inboundTemplate.isEmpty else { return }
        for k in 0 ..< perWeek {
            let a = owner.count
            let source = world.inboundTemplate[w * perWeek + k]
            owner.append(-1); lastOwner.append(-1); template.append(source); ownedSince.append(day)
            lastWorked.append(Int.min / 2); touches.append(0); hasOpportunity.append(false); customer.append(false)
            workedEver.append(false); restingUntil.append(Int.min / 2); barredRep.append(-1); barredUntil.append(Int.min / 2)
            pooledSince.append(day); positionInBook.append(-1)
            let c = Int(arm.cellOfAccount[Int(source)])
            let candidates = c >= 0 ? arm.cellReps[c] : []
            if !arm.dynamic {
                // The territory's owner: inbound of a cell spread evenly over its reps.
                guard !candidates.isEmpty else { continue }
                let pick = Int(random.uniform(.inbound, run: 0, UInt64(w), UInt64(k)) * Double(candidates.count))
                place(a, with: candidates[min(pick, candidates.count - 1)])
                ownedSince[a] = day
                continue
            }
            guard arm.assignable[Int(source)] else { enterPool(a, day: day); continue }
            let workload = self.workload(a)
            var best: Int32 = -1, bestShare = Double.infinity
            for r in candidates where arm.capacity[Int(r)] > 0 && load[Int(r)] + workload <= arm.capacity[Int(r)] + 1e-9
                && world.reps[Int(r)].isAvailable(on: Day(daysSinceEpoch: day)) {
                let share = load[Int(r)] / arm.capacity[Int(r)]
                if share < bestShare { best = r; bestShare = share }
            }
            if best >= 0 { assign(a, to: best, day: day) } else { enterPool(a, day: day) }
        }
    }

    /// Fills free capacity from the pool, best first, per cell; looks only at pool accounts and
    /// at reps with room.
    private mutating func topOff(day: Int) {
        let today = Day(daysSinceEpoch: day)
        for c in pool.indices {
            if !entered[c].isEmpty {
                let fresh = entered[c].sorted(by: better)
                entered[c].removeAll(keepingCapacity: true)
                pool[c] = merge(pool[c], fresh)
            }
            guard !pool[c].isEmpty else { continue }
            var room: [(rep: Int32, free: Double)] = arm.cellReps[c].compactMap { r in
                let free = arm.capacity[Int(r)] - load[Int(r)]
                return free >= 1e-9 && world.reps[Int(r)].isAvailable(on: today) ? (r, free) : nil
            }
            guard !room.isEmpty else { continue }
            var kept: [Int32] = []
            kept.reserveCapacity(pool[c].count)
            var i = 0
            let list = pool[c]
            while i < list.count {
                let a = Int(list[i])
                i += 1
                guard owner[a] < 0 else { continue }   // taken by routing meanwhile
                if restingUntil[a] > day { kept.append(Int32(a)); continue }
                let workload = self.workload(a)
                var best = -1
                for (j, slot) in room.enumerated() where slot.free + 1e-9 >= workload
                    && !(barredRep[a] == slot.rep && barredUntil[a] > day) {
                    if best < 0 || slot.free > room[best].free { best = j }
                }
                if best < 0 { kept.append(Int32(a)); continue }
                assign(a, to: room[best].rep, day: day)
                room[best].free -= workload
                if room[best].free < 1e-9 { room.remove(at: best) }
                if room.isEmpty { break }
            }
            if i < list.count { kept.append(contentsOf: list[i...]) }
            pool[c] = kept
        }
    }

    private func merge(_ x: [Int32], _ y: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(x.count + y.count)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if better(y[j], x[i]) { out.append(y[j]); j += 1 } else { out.append(x[i]); i += 1 }
        }
        out.append(contentsOf: x[i...]); out.append(contentsOf: y[j...])
        return out
    }

    // MARK: - Measures

    private func measure(day end: Int, into values: inout WeekValues) {
        let window = arm.policy.coverage.windowDays
        var ab = 0, covered = 0, waiting = 0, pooled = 0
        for a in owner.indices {
            if owner[a] < 0 { pooled += 1 }
            guard isAB(a) else { continue }
            ab += 1
            if lastWorked[a] > end - window { covered += 1 }
            if owner[a] < 0 { waiting += 1 }
        }
        values.abCoverage = ab == 0 ? 0 : Double(covered) / Double(ab)
        values.abWaiting = Double(waiting)
        values.pool = Double(pooled)
        let capacity = arm.capacity.reduce(0, +)
        values.utilisation = capacity > 0 ? load.reduce(0, +) / capacity : 0
    }

    private func finalValues(weekly: [WeekValues], end: Int) -> [SimulationMeasure: Double] {
        var v: [SimulationMeasure: Double] = [:]
        let total = weekly.reduce(0) { $0 + $1.opportunities }
        v[.opportunities] = total
        v[.opportunitiesPerWeek] = total / Double(max(1, weekly.count))
        v[.customers] = Double(customer.indices.filter { customer[$0] && hasOpportunity[$0] }.count)
        v[.accountsWorked] = Double(workedEver.filter { $0 }.count)
        v[.abCoverage] = weekly.reduce(0) { $0 + $1.abCoverage } / Double(max(1, weekly.count))
        v[.abWaiting] = weekly.last?.abWaiting ?? 0
        let ages = owner.indices.filter { owner[$0] < 0 && isAB($0) }.map { Double(end - pooledSince[$0]) }.sorted()
        v[.abWaitingMedianAgeDays] = ages.isEmpty ? 0
            : ages.count % 2 == 1 ? ages[ages.count / 2] : (ages[ages.count / 2 - 1] + ages[ages.count / 2]) / 2
        v[.utilisation] = weekly.reduce(0) { $0 + $1.utilisation } / Double(max(1, weekly.count))
        v[.movesPerRep] = world.reps.isEmpty ? 0 : Double(moves.reduce(0, +)) / Double(world.reps.count)
        let withCapacity = world.reps.indices.filter { arm.capacity[$0] > 0 }
        let value = withCapacity.map { r in books[r].reduce(0) { $0 + world.trueScore[Int(template[Int($1)])] } / arm.capacity[r] }
        let opps = withCapacity.map { Double(opportunities[$0]) / arm.capacity[$0] }
        v[.valueSpread] = Self.spread(value)
        v[.valueGini] = FairnessMeasure.gini(value)
        v[.opportunitySpread] = Self.spread(opps)
        v[.opportunityGini] = FairnessMeasure.gini(opps)
        return v
    }

    /// `(max − min) / mean`, 0 for no values or a zero mean.
    static func spread(_ values: [Double]) -> Double {
        guard let low = values.min(), let high = values.max() else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return mean > 0 ? (high - low) / mean : 0
    }
}
