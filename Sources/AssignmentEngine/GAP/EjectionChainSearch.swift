/// The state and moves of ``EjectionChainSolver``: one column per item, bin loads, and the
/// penalised cost `pcost = cost + Σ_b α_b·max(0, load_b − C_b)` that its local search lowers.
///
/// Neighbourhoods (M. Yagiura, T. Ibaraki and F. Glover, "An ejection chain approach for the
/// generalized assignment problem", *INFORMS Journal on Computing* 16(2), 2004):
/// - **shift**: one item to another bin;
/// - **swap**: two items of different bins exchange bins;
/// - **ejection chain**: item j₁ moves from bin i₁ to i₂, ejecting j₂ from i₂ to i₃, and so on,
///   up to ``chainLength`` items; the continuation at each level is the best shift out of the
///   bin just entered, and the chain is taken at its first prefix that lowers `pcost`.
///
/// Every move is restricted to each item's ``candidateCount`` bins of smallest Lagrangian
/// reduced cost `c_jb + u_b·w_jb` (``CapacityRelaxation``), as Yagiura, Ibaraki and Glover
/// restrict theirs. Each move evaluated counts one unit of ``evaluations``, the work budget.
struct EjectionChainSearch {
    let table: CostTable
    /// Bins considered per item.
    let candidateCount: Int
    /// Items moved by one ejection chain at most.
    let chainLength: Int
    /// Per item, its candidate columns by increasing reduced cost (`candidateCount` slots, -1 past the end).
    private(set) var candidates: [Int32]
    /// Per cell: whether the column is among the item's candidates.
    private(set) var isCandidate: [Bool]
    /// Penalty weight per column.
    var alpha: [Double]
    /// Per item: its column.
    private(set) var column: [Int32]
    private(set) var load: [Double]
    private(set) var members: [[Int32]]
    private var position: [Int32]
    /// Moves evaluated so far.
    var evaluations = 0
    /// The cost of the current assignment (kept by every move).
    private(set) var cost = 0.0
    /// Bins whose load exceeds their capacity (kept by every move).
    private(set) var overloaded = 0
    /// The best assignment keeping every capacity seen by any move since ``start(from:)`` or
    /// the last ``takeRecord()``: feasible answers are recorded along the way, not only at
    /// local optima, as in Yagiura, Ibaraki and Glover's searches.
    private(set) var record: (columns: [Int32], cost: Double)?
    /// Improving moves applied so far.
    private(set) var improvingMoves = 0
    /// Only feasible answers cheaper than this are recorded.
    var recordThreshold = Double.infinity
    /// Stamps of items already moved by the chain being built.
    private var movedStamp: [Int]
    private var stamp = 0
    /// Improvements smaller than this are noise.
    let epsilon: Double

    init(table: CostTable, candidateCount: Int, chainLength: Int) {
        self.table = table
        self.candidateCount = max(1, min(candidateCount, table.width))
        self.chainLength = max(1, chainLength)
        candidates = []
        isCandidate = []
        alpha = [Double](repeating: 1, count: table.width)
        column = [Int32](repeating: 0, count: table.items)
        load = [Double](repeating: 0, count: table.width)
        members = Array(repeating: [], count: table.width)
        position = [Int32](repeating: 0, count: table.items)
        movedStamp = [Int](repeating: 0, count: table.items)
        let largest = table.cost.lazy.filter(\.isFinite).map(abs).max() ?? 1
        epsilon = 1e-9 * max(1, largest)
        rank(by: [Double](repeating: 0, count: table.width))
    }

    /// Ranks every item's allowed columns by reduced cost `c + u·w` and keeps the first
    /// ``candidateCount`` (ties by column).
    mutating func rank(by prices: [Double]) {
        let n = table.items, width = table.width, K = candidateCount
        candidates = [Int32](repeating: -1, count: n * K)
        isCandidate = [Bool](repeating: false, count: n * width)
        var order: [(Double, Int)] = []
        for j in 0 ..< n {
            order.removeAll(keepingCapacity: true)
            for b in 0 ..< width where table.cost[j * width + b].isFinite {
                order.append((table.cost[j * width + b] + prices[b] * table.weight[j * width + b], b))
            }
            order.sort { $0 < $1 }
            for (slot, (_, b)) in order.prefix(K).enumerated() {
                candidates[j * K + slot] = Int32(b)
                isCandidate[j * width + b] = true
            }
        }
    }

    // MARK: State

    /// Sets the assignment (columns must be allowed) and recomputes loads.
    mutating func start(from columns: [Int32]) {
        column = columns
        for b in 0 ..< table.width { load[b] = 0; members[b].removeAll(keepingCapacity: true) }
        for j in 0 ..< table.items {
            let b = Int(columns[j])
            load[b] += table.weight[j * table.width + b]
            position[j] = Int32(members[b].count)
            members[b].append(Int32(j))
        }
        recount()
    }

    /// Recomputes cost, loads and overloaded bins from scratch (removes the floating-point drift
    /// of the increments) and records the assignment if it is a new feasible best.
    mutating func recount() {
        for b in 0 ..< table.width { load[b] = 0 }
        cost = 0
        for j in 0 ..< table.items {
            let cell = j * table.width + Int(column[j])
            load[Int(column[j])] += table.weight[cell]
            cost += table.cost[cell]
        }
        overloaded = (0 ..< table.width).reduce(0) { $0 + (excess($1, load[$1]) > 0 ? 1 : 0) }
        noteIfRecord()
    }

    /// Returns and clears the record.
    mutating func takeRecord() -> (columns: [Int32], cost: Double)? {
        defer { record = nil }
        return record
    }

    @inline(__always) mutating func noteIfRecord() {
        if overloaded == 0 && cost < recordThreshold - epsilon && cost < (record?.cost ?? .infinity) - epsilon {
            record = (column, cost)
        }
    }

    /// Capacity excess of column b (0 when kept within tolerance).
    @inline(__always) func excess(_ b: Int, _ l: Double) -> Double {
        let e = l - table.capacity[b]
        return e > table.tolerance[b] ? e : 0
    }

    /// Σ excess over all bins.
    var totalExcess: Double { (0 ..< table.width).reduce(0) { $0 + excess($1, load[$1]) } }

    @inline(__always) private func penalty(_ b: Int, _ l: Double) -> Double { alpha[b] * excess(b, l) }

    /// Moves item j to column b.
    mutating func move(_ j: Int, to b: Int) {
        let a = Int(column[j])
        guard a != b else { return }
        let row = j * table.width
        let wasA = excess(a, load[a]) > 0, wasB = excess(b, load[b]) > 0
        load[a] -= table.weight[row + a]
        let p = Int(position[j]), last = members[a].removeLast()
        if Int(last) != j { members[a][p] = last; position[Int(last)] = Int32(p) }
        load[b] += table.weight[row + b]
        position[j] = Int32(members[b].count)
        members[b].append(Int32(j))
        column[j] = Int32(b)
        cost += table.cost[row + b] - table.cost[row + a]
        overloaded += (excess(a, load[a]) > 0 ? 1 : 0) - (wasA ? 1 : 0) + (excess(b, load[b]) > 0 ? 1 : 0) - (wasB ? 1 : 0)
    }

    // MARK: Move evaluation

    /// Change of pcost if item j moves to column b.
    @inline(__always) mutating func shiftDelta(_ j: Int, _ b: Int) -> Double {
        evaluations += 1
        let a = Int(column[j]), row = j * table.width
        let la = load[a], lb = load[b]
        return table.cost[row + b] - table.cost[row + a]
            + penalty(a, la - table.weight[row + a]) - penalty(a, la)
            + penalty(b, lb + table.weight[row + b]) - penalty(b, lb)
    }

    /// Change of pcost if items j (in a) and k (in b ≠ a) exchange columns.
    @inline(__always) mutating func swapDelta(_ j: Int, _ k: Int) -> Double {
        evaluations += 1
        let a = Int(column[j]), b = Int(column[k]), rj = j * table.width, rk = k * table.width
        let la = load[a], lb = load[b]
        return table.cost[rj + b] - table.cost[rj + a] + table.cost[rk + a] - table.cost[rk + b]
            + penalty(a, la - table.weight[rj + a] + table.weight[rk + a]) - penalty(a, la)
            + penalty(b, lb - table.weight[rk + b] + table.weight[rj + b]) - penalty(b, lb)
    }

    // MARK: Local search

    /// The best improving shift of item j, applied. Returns whether it improved.
    mutating func improveByShift(_ j: Int) -> Bool {
        let K = candidateCount, a = Int(column[j])
        var best = -epsilon, target = -1
        for slot in 0 ..< K {
            let b = Int(candidates[j * K + slot])
            if b < 0 { break }
            if b == a { continue }
            let d = shiftDelta(j, b)
            if d < best { best = d; target = b }
        }
        guard target >= 0 else { return false }
        move(j, to: target)
        improvingMoves += 1
        noteIfRecord()
        return true
    }

    /// The best improving swap of item j with an item of one of its candidate bins that has j's
    /// bin among its own candidates, applied. Returns whether it improved.
    mutating func improveBySwap(_ j: Int) -> Bool {
        let K = candidateCount, width = table.width, a = Int(column[j])
        var best = -epsilon, partner = -1
        for slot in 0 ..< K {
            let b = Int(candidates[j * K + slot])
            if b < 0 { break }
            if b == a { continue }
            for k32 in members[b] {
                let k = Int(k32)
                guard table.movable[k], isCandidate[k * width + a] else { continue }
                let d = swapDelta(j, k)
                if d < best || (d == best && partner >= 0 && k < partner) { best = d; partner = k }
            }
        }
        guard partner >= 0 else { return false }
        let b = Int(column[partner])
        move(j, to: b)
        move(partner, to: a)
        improvingMoves += 1
        noteIfRecord()
        return true
    }

    /// An improving ejection chain started by item j, applied. Returns whether it improved.
    mutating func improveByChain(_ j: Int) -> Bool {
        let K = candidateCount, a1 = Int(column[j])
        var undo: [(item: Int, from: Int)] = []
        undo.reserveCapacity(chainLength)
        for slot in 0 ..< K {
            let b = Int(candidates[j * K + slot])
            if b < 0 { break }
            if b == a1 { continue }
            stamp += 1
            undo.removeAll(keepingCapacity: true)
            var total = shiftDelta(j, b)
            move(j, to: b)
            undo.append((j, a1))
            movedStamp[j] = stamp
            if total < -epsilon { improvingMoves += 1; noteIfRecord(); return true }
            var current = b
            for _ in 1 ..< chainLength {
                // The best shift out of the bin just entered, by items not moved yet.
                var best = Double.infinity, item = -1, target = -1
                for k32 in members[current] {
                    let k = Int(k32)
                    guard movedStamp[k] != stamp, table.movable[k] else { continue }
                    for s in 0 ..< K {
                        let c = Int(candidates[k * K + s])
                        if c < 0 { break }
                        if c == current { continue }
                        let d = shiftDelta(k, c)
                        if d < best || (d == best && (k, c) < (item, target)) { best = d; item = k; target = c }
                    }
                }
                guard item >= 0 else { break }
                total += best
                move(item, to: target)
                undo.append((item, current))
                movedStamp[item] = stamp
                if total < -epsilon { improvingMoves += 1; noteIfRecord(); return true }
                current = target
            }
            for step in undo.reversed() { move(step.item, to: step.from) }
        }
        return false
    }

    /// Applies improving shifts and swaps (then ejection chains when neither improves) in `order`
    /// until none improves, the work budget `budget` is spent, or `stop` says so.
    /// - Returns: whether the search ended at a local optimum (not cut short).
    mutating func descend(order: [Int], budget: Int, stop: () -> Bool) -> Bool {
        while true {
            var improved = false
            for j in order where table.movable[j] {
                if evaluations >= budget || stop() { return false }
                if improveByShift(j) || improveBySwap(j) { improved = true }
            }
            if improved { continue }
            for j in order where table.movable[j] {
                if evaluations >= budget || stop() { return false }
                if improveByChain(j) { improved = true }
            }
            if !improved { return true }
        }
    }

    // MARK: Penalty weights and starting points

    /// Yagiura, Ibaraki and Glover's adaptive weights: after a local optimum that breaks
    /// capacities, the weights of the bins it overloads grow in proportion to their excess;
    /// after one that keeps them all, every weight shrinks, so the search returns to the
    /// boundary of the feasible region from both sides.
    mutating func adaptWeights(increase: Double, decrease: Double, floor: [Double]) {
        var largest = 0.0
        for b in 0 ..< table.width { largest = max(largest, excess(b, load[b])) }
        for b in 0 ..< table.width {
            let e = excess(b, load[b])
            if e > 0 {
                alpha[b] *= 1 + increase * e / largest
            } else if largest == 0 {
                alpha[b] = max(floor[b], alpha[b] * (1 - decrease))
            }
        }
    }

    /// Moves `count` random movable items to random candidate columns.
    mutating func perturb(count: Int, using rng: inout SplitMix64) {
        let n = table.items, K = candidateCount
        guard n > 0 else { return }
        for _ in 0 ..< count {
            let j = Int(rng.next() % UInt64(n))
            guard table.movable[j] else { continue }
            var available = 0
            while available < K && candidates[j * K + available] >= 0 { available += 1 }
            guard available > 1 else { continue }
            let b = Int(candidates[j * K + Int(rng.next() % UInt64(available))])
            move(j, to: b)
        }
    }

    /// Path relinking (M. Yagiura, T. Ibaraki and F. Glover, "A path relinking approach with
    /// ejection chains for the generalized assignment problem", *European Journal of Operational
    /// Research* 169, 2006): from the current assignment towards `guide`, the item whose move to
    /// its column in `guide` raises pcost least moves next (ties by item), for `steps` moves.
    mutating func relink(towards guide: [Int32], steps: Int) {
        var differing = (0 ..< table.items).filter { column[$0] != guide[$0] && table.movable[$0] }
        for _ in 0 ..< min(steps, differing.count) {
            var best = Double.infinity, at = -1
            for (index, j) in differing.enumerated() {
                let d = shiftDelta(j, Int(guide[j]))
                if d < best { best = d; at = index }
            }
            let j = differing.remove(at: at)
            move(j, to: Int(guide[j]))
            noteIfRecord()
        }
    }
}
