/// The incumbent of ``GreedySolver``: one arc (or none) per item, bin loads and side-row
/// activities, with the moves that change them.
struct LocalSearch {
    let model: AssignmentModel
    let itemOfArc: [Int32]
    /// Per item: the chosen arc, or -1.
    var choice: [Int32]
    var load: [Double]
    var fixed: [Bool]
    /// Items in each bin, with each item's position in its bin's list.
    var members: [[Int32]]
    var position: [Int32]
    /// Side-row terms by arc (CSR): rows `rowIndex[rowStart.range(k)]`.
    let rowStart: SparseOffsets
    let rowIndex: [Int32]
    let rowCoef: [Double]
    var activity: [Double]
    /// Aggregate terms by arc (CSR) and the rows of each aggregate (CSR, with β).
    let aggregateStart: SparseOffsets
    let aggregateIndex: [Int32]
    let aggregateCoef: [Double]
    let aggregateRowStart: SparseOffsets
    let aggregateRowIndex: [Int32]
    let aggregateRowCoef: [Double]
    /// Cost per unit of hard-row violation: far above any value a single move can gain.
    let bigM: Double
    private var scratch: [Double]
    private var touched: [Int32] = []
    private var aggregateScratch: [Double]
    private var touchedAggregates: [Int32] = []

    /// - Parameter terms: the model's row terms by arc, when the caller has them already (they
    ///   are shared, not copied).
    init(_ model: AssignmentModel, terms: RowTerms? = nil) throws {
        self.model = model
        let terms = terms ?? RowTerms(model)
        let n = model.itemCount, B = model.binCount
        itemOfArc = model.arcItems()
        choice = Array(repeating: -1, count: n)
        load = Array(repeating: 0, count: B)
        fixed = Array(repeating: false, count: n)
        members = Array(repeating: [], count: B)
        position = Array(repeating: -1, count: n)
        (rowStart, rowIndex, rowCoef) = terms.direct
        (aggregateStart, aggregateIndex, aggregateCoef) = terms.viaAggregate
        (aggregateRowStart, aggregateRowIndex, aggregateRowCoef) = terms.aggregateRows
        aggregateScratch = Array(repeating: 0, count: model.aggregates.count)
        activity = Array(repeating: 0, count: model.sideRows.count)
        scratch = Array(repeating: 0, count: model.sideRows.count)
        let largest = model.arcValue.lazy.map(abs).max() ?? 1
        bigM = 1e4 * max(1, largest)
        for k in model.fixedArcs {
            let i = Int(itemOfArc[k])
            fixed[i] = true
            assign(i, arc: k)
        }
        for b in 0 ..< B where load[b] > model.capacities[b] + AssignmentModel.tolerance(model.capacities[b]) {
            throw AssignmentError.infeasible(reasons: [
                "fixed assignments to \(model.binName(b)) use \(load[b]) of its capacity \(model.capacities[b])"])
        }
    }

    /// Turns lists of (column, coefficient) per row into lists of (row, coefficient) per column.
    static func transpose(_ rows: [([Int], [Double])], count: Int) -> (SparseOffsets, [Int32], [Double]) {
        let total = rows.reduce(0) { $0 + $1.0.count }
        guard total > 0 else { return (SparseOffsets(), [], []) }
        var start = [Int32](repeating: 0, count: count + 1)
        for (columns, _) in rows { for c in columns { start[c + 1] += 1 } }
        for c in 0 ..< count { start[c + 1] += start[c] }
        var fill = start
        var index = [Int32](repeating: 0, count: total)
        var coef = [Double](repeating: 0, count: total)
        for (r, (columns, coefficients)) in rows.enumerated() {
            for (c, x) in zip(columns, coefficients) { index[Int(fill[c])] = Int32(r); coef[Int(fill[c])] = x; fill[c] += 1 }
        }
        return (SparseOffsets(start), index, coef)
    }

    // MARK: Moves

    func bin(_ k: Int) -> Int { Int(model.arcBin[k]) }

    /// The arc of item i into bin b, if any (arcs are sorted by bin).
    func arc(of i: Int, to b: Int) -> Int? {
        var lo = model.arcStart[i], hi = model.arcStart[i + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            let mb = Int(model.arcBin[mid])
            if mb == b { return mid }
            if mb < b { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    func fits(_ k: Int, freeing freed: Double = 0) -> Bool {
        let b = bin(k)
        return load[b] - freed + model.arcWeight[k] <= model.capacities[b] + AssignmentModel.tolerance(model.capacities[b])
    }

    mutating func assign(_ i: Int, arc k: Int) {
        let old = Int(choice[i])
        if old >= 0 {
            let b = bin(old)
            load[b] -= model.arcWeight[old]
            let p = Int(position[i]), last = members[b].count - 1
            let moved = members[b][last]
            members[b][p] = moved; position[Int(moved)] = Int32(p)
            members[b].removeLast()
            applyRows(old, sign: -1)
        }
        choice[i] = Int32(k)
        position[i] = -1
        if k >= 0 {
            let b = bin(k)
            load[b] += model.arcWeight[k]
            position[i] = Int32(members[b].count)
            members[b].append(Int32(i))
            applyRows(k, sign: 1)
        }
    }

    /// Adds (or removes) arc k's contribution to the side rows, directly and through aggregates.
    private mutating func applyRows(_ k: Int, sign: Double) {
        for t in rowStart.range(k) { activity[Int(rowIndex[t])] += sign * rowCoef[t] }
        for t in aggregateStart.range(k) {
            let g = Int(aggregateIndex[t])
            for u in aggregateRowStart.range(g) {
                activity[Int(aggregateRowIndex[u])] += sign * aggregateCoef[t] * aggregateRowCoef[u]
            }
        }
    }

    func penalty(_ s: Int, _ a: Double) -> Double {
        let row = model.sideRows[s]
        var p = 0.0
        if let lo = row.lower, a < lo { p += (row.deviationPenalty ?? bigM) * (lo - a) }
        if let hi = row.upper, a > hi { p += bigM * (a - hi) }
        return p
    }

    @inline(__always) private mutating func accumulateRows(_ k: Int, sign: Double) {
        for t in rowStart.range(k) {
            let s = Int(rowIndex[t])
            if scratch[s] == 0 { touched.append(Int32(s)) }
            scratch[s] += sign * rowCoef[t]
            if scratch[s] == 0 { scratch[s] = .leastNonzeroMagnitude }
        }
        for t in aggregateStart.range(k) {
            let a = Int(aggregateIndex[t])
            if aggregateScratch[a] == 0 { touchedAggregates.append(Int32(a)) }
            aggregateScratch[a] += sign * aggregateCoef[t]
            if aggregateScratch[a] == 0 { aggregateScratch[a] = .leastNonzeroMagnitude }
        }
    }

    /// Objective gain of replacing arcs `out1, out2` by `in1, in2` (-1 = none).
    mutating func gain(out1: Int, out2: Int = -1, in1: Int, in2: Int = -1) -> Double {
        var g = 0.0
        if out1 >= 0 { g -= model.arcValue[out1]; accumulateRows(out1, sign: -1) }
        if out2 >= 0 { g -= model.arcValue[out2]; accumulateRows(out2, sign: -1) }
        if in1 >= 0 { g += model.arcValue[in1]; accumulateRows(in1, sign: 1) }
        if in2 >= 0 { g += model.arcValue[in2]; accumulateRows(in2, sign: 1) }
        for g32 in touchedAggregates {
            let a = Int(g32)
            let delta = aggregateScratch[a]
            aggregateScratch[a] = 0
            for u in aggregateRowStart.range(a) {
                let s = Int(aggregateRowIndex[u])
                if scratch[s] == 0 { touched.append(Int32(s)) }
                scratch[s] += delta * aggregateRowCoef[u]
                if scratch[s] == 0 { scratch[s] = .leastNonzeroMagnitude }
            }
        }
        touchedAggregates.removeAll(keepingCapacity: true)
        if touched.isEmpty { return g }
        for s32 in touched {
            let s = Int(s32)
            let a = activity[s]
            g -= penalty(s, a + scratch[s]) - penalty(s, a)
            scratch[s] = 0
        }
        touched.removeAll(keepingCapacity: true)
        return g
    }

    // MARK: Construction

    /// The desirability measures of MTHG, tried in turn until every must-assign item is placed:
    /// value per unit of weight, value, least weight, least share of the bin's capacity.
    enum Desirability: CaseIterable { case density, value, lightness, relativeLightness }

    func desirability(_ k: Int, _ measure: Desirability = .density) -> Double {
        let w = model.arcWeight[k], v = model.arcValue[k]
        switch measure {
        case .density:
            // For a negative value (a cost), less weight should not make it look worse.
            return w > 0 ? (v >= 0 ? v / w : v * w) : v * 1e9
        case .value: return v
        case .lightness: return -w
        case .relativeLightness:
            let c = model.capacities[bin(k)]
            return c > 0 ? -w / c : -w * 1e9
        }
    }

    /// MTHG regret placement of the must-assign items not placed yet, trying each desirability
    /// measure until all of them fit (a failed attempt is undone first).
    mutating func placeMustAssignByRegret() throws {
        let items = (0 ..< model.itemCount).filter { model.mustAssign[$0] && !fixed[$0] && choice[$0] < 0 }
        var lastUnplaced: [Int] = []
        for measure in Desirability.allCases {
            lastUnplaced = placeByRegret(items, measure)
            if lastUnplaced.isEmpty { return }
            if measure != Desirability.allCases.last { for i in items where choice[i] >= 0 { assign(i, arc: -1) } }
        }
    }

    /// Places `items` by regret under one measure; returns the items that found no room even
    /// after an ejection.
    mutating func placeByRegret(_ items: [Int], _ measure: Desirability) -> [Int] {
        var remaining = items
        while !remaining.isEmpty {
            var pick = -1, pickArc = -1, pickRegret = -Double.infinity
            for (slot, i) in remaining.enumerated() {
                var best = -1, bestF = -Double.infinity, secondF = -Double.infinity
                for k in model.arcs(ofItem: i) where fits(k) {
                    let f = desirability(k, measure)
                    if f > bestF { secondF = bestF; bestF = f; best = k } else if f > secondF { secondF = f }
                }
                guard best >= 0 else { continue }
                let regret = secondF == -.infinity ? Double.infinity : bestF - secondF
                if regret > pickRegret { pickRegret = regret; pick = slot; pickArc = best }
            }
            guard pick >= 0 else { break }
            assign(remaining[pick], arc: pickArc)
            remaining.remove(at: pick)
        }
        // Items that found no room: make room by moving another item elsewhere.
        return remaining.filter { !ejectToPlace($0) }
    }

    /// Places item i by moving one occupant of one of its bins to another bin with room.
    mutating func ejectToPlace(_ i: Int) -> Bool {
        for k in model.arcs(ofItem: i) {
            let b = bin(k)
            for j32 in members[b] {
                let j = Int(j32)
                guard !fixed[j], fits(k, freeing: model.arcWeight[Int(choice[j])]) else { continue }
                for k2 in model.arcs(ofItem: j) where bin(k2) != b && fits(k2) {
                    assign(j, arc: k2)
                    assign(i, arc: k)
                    return true
                }
            }
        }
        return false
    }

    /// Optional items by decreasing value per unit of weight: arcs in one global order (density,
    /// then value, then arc index), each placed when its item is still free and its bin has room.
    ///
    /// The global order is walked lazily: each item's arcs are sorted once, and a heap holds each
    /// item's next arc. Loads only grow here, so an arc that does not fit when its turn comes never
    /// will, and the item skips at once to its next arc that fits. The result is that of sorting
    /// all arcs, at the cost of per-item sorts and one heap entry per item.
    mutating func placeOptionalByDensity() {
        func candidate(_ k: Int32) -> DensityCandidate {
            DensityCandidate(density: desirability(Int(k)), value: model.arcValue[Int(k)], arc: k)
        }
        var arcs: [Int32] = []
        var start: [Int] = [0]
        var owner: [Int32] = []
        for i in 0 ..< model.itemCount where !model.mustAssign[i] && !fixed[i] && choice[i] < 0 {
            let before = arcs.count
            // An arc that does not fit now never will.
            for k in model.arcs(ofItem: i) where model.arcValue[k] > 0 && fits(k) { arcs.append(Int32(k)) }
            guard arcs.count > before else { continue }
            arcs[before...].sort { candidate($0) < candidate($1) }
            start.append(arcs.count)
            owner.append(Int32(i))
        }
        var next = Array(start.dropLast())
        var heap = MinHeap<ItemTurn>()
        for slot in owner.indices { heap.push(ItemTurn(candidate: candidate(arcs[start[slot]]), slot: Int32(slot))) }
        while let turn = heap.pop() {
            let slot = Int(turn.slot), i = Int(owner[slot])
            var position = next[slot]
            while position < start[slot + 1] && !fits(Int(arcs[position])) { position += 1 }
            guard position < start[slot + 1] else { continue }
            // Side rows are left to the improvement phase: a fairness floor would otherwise
            // refuse the first item of every bin and leave all books empty.
            if position == next[slot] {
                assign(i, arc: Int(arcs[position]))
            } else {
                next[slot] = position
                heap.push(ItemTurn(candidate: candidate(arcs[position]), slot: turn.slot))
            }
        }
    }

    /// An arc in the order of ``placeOptionalByDensity()``: `<` means "comes first" —
    /// decreasing density, then value, then increasing arc index, a total order.
    struct DensityCandidate: Comparable {
        var density: Double, value: Double, arc: Int32
        static func < (x: Self, y: Self) -> Bool {
            if x.density != y.density { return x.density > y.density }
            if x.value != y.value { return x.value > y.value }
            return x.arc < y.arc
        }
    }

    /// An item's next arc in the heap of ``placeOptionalByDensity()``.
    struct ItemTurn: Comparable {
        var candidate: DensityCandidate
        var slot: Int32
        static func < (x: Self, y: Self) -> Bool { x.candidate < y.candidate }
    }

    // MARK: Improvement

    /// Shift, swap and ejection moves, first improvement, until no move gains or the budget (move
    /// evaluations and candidate scans) is spent.
    mutating func improve(budget: Int, deadline: ContinuousClock.Instant) {
        var budget = budget
        let epsilon = 1e-9 * max(1, bigM / 1e4)
        var improved = true
        while improved && budget > 0 && ContinuousClock.now < deadline {
            improved = false
            for i in 0 ..< model.itemCount where !fixed[i] {
                guard budget > 0 else { break }
                let current = Int(choice[i])
                var bestGain = epsilon, bestArc = Int.min
                if current >= 0 && !model.mustAssign[i] {
                    budget -= 1
                    let g = gain(out1: current, in1: -1)
                    if g > bestGain { bestGain = g; bestArc = -1 }
                }
                for k in model.arcs(ofItem: i) where k != current && fits(k, freeing: current >= 0 && bin(current) == bin(k) ? model.arcWeight[current] : 0) {
                    budget -= 1
                    let g = gain(out1: current, in1: k)
                    if g > bestGain { bestGain = g; bestArc = k }
                }
                if bestArc != Int.min { assign(i, arc: bestArc); improved = true }
            }
            for i in 0 ..< model.itemCount where !fixed[i] {
                guard budget > 0, ContinuousClock.now < deadline || budget % 1024 != 0 else { break }
                if tryExchange(i, budget: &budget, epsilon: epsilon) { improved = true }
            }
        }
    }

    /// Moves item i into another bin, sending one occupant j of that bin to i's old bin (swap),
    /// to the pool (if optional) or to a third bin with room (ejection chain).
    mutating func tryExchange(_ i: Int, budget: inout Int, epsilon: Double) -> Bool {
        let current = Int(choice[i])
        let from = current >= 0 ? bin(current) : -1
        for k in model.arcs(ofItem: i) where bin(k) != from {
            let b = bin(k)
            var index = 0
            while index < members[b].count {
                let j = Int(members[b][index]); index += 1
                budget -= 1
                guard !fixed[j], budget > 0 else { continue }
                let jArc = Int(choice[j])
                guard fits(k, freeing: model.arcWeight[jArc]) else { continue }
                // j to i's old bin (swap).
                if from >= 0, let back = arc(of: j, to: from) {
                    let room = load[from] - model.arcWeight[current] + model.arcWeight[back]
                    if room <= model.capacities[from] + AssignmentModel.tolerance(model.capacities[from]) {
                        budget -= 1
                        if gain(out1: current, out2: jArc, in1: k, in2: back) > epsilon {
                            assign(j, arc: -1); assign(i, arc: k); assign(j, arc: back)
                            return true
                        }
                    }
                }
                // j to the pool.
                if !model.mustAssign[j] {
                    budget -= 1
                    if gain(out1: current, out2: jArc, in1: k) > epsilon {
                        assign(j, arc: -1); assign(i, arc: k)
                        return true
                    }
                }
                // j to a third bin with room.
                for k2 in model.arcs(ofItem: j) {
                    budget -= 1
                    guard bin(k2) != b && bin(k2) != from && fits(k2) else { continue }
                    if gain(out1: current, out2: jArc, in1: k, in2: k2) > epsilon {
                        assign(j, arc: k2); assign(i, arc: k)
                        return true
                    }
                }
            }
        }
        return false
    }

    func chosenArcs() -> [Int?] { choice.map { $0 >= 0 ? Int($0) : nil } }
}

extension LocalSearch {
    /// Replaces the incumbent by `chosen` (fixed arcs stay), e.g. a relaxation's answer to repair,
    /// and completes it as the construction would: must-assign items it leaves out by regret,
    /// then optional items by density into the room left.
    mutating func start(from chosen: [Int?]) {
        for i in 0 ..< model.itemCount where !fixed[i] {
            let target = chosen[i] ?? -1
            if Int(choice[i]) != target { assign(i, arc: -1) }
        }
        for i in 0 ..< model.itemCount where !fixed[i] {
            if let k = chosen[i], choice[i] != Int32(k), fits(k) { assign(i, arc: k) }
        }
        try? placeMustAssignByRegret()
        placeOptionalByDensity()
    }
}
