/// The state of ``FlowSolver``'s successive-shortest-path run on one component.
struct BinSpaceNetwork {
    let model: AssignmentModel
    let binCount: Int
    let itemOfArc: [Int32]
    /// Free slots per bin.
    var slots: [Int]
    /// Per item: its bin, or -1.
    var binOf: [Int32]
    /// Per item: its chosen arc, or -1.
    var arcOf: [Int32]
    /// Per item: bumped on every move, so heap entries from an earlier stay are recognised as stale.
    var stamp: [Int32]
    /// Per item: takes part in the search (not pruned, not fixed).
    var active: [Bool]
    /// Per bin: arcs of active items into it, cheapest first (ties by item).
    var sourceArcs: [[Int32]]
    var sourceNext: [Int]
    /// Per ordered bin pair (b, b′) at `b * binCount + b′`: items in b keyed by v(j,b) − v(j,b′).
    var moves: [MoveHeap]
    /// Johnson potentials of bins 0..<B, the source (B) and the sink (B + 1).
    var potential: [LexCost]

    init(_ model: AssignmentModel) throws {
        self.model = model
        let n = model.itemCount, B = model.binCount
        binCount = B
        itemOfArc = model.arcItems()
        binOf = Array(repeating: -1, count: n)
        arcOf = Array(repeating: -1, count: n)
        stamp = Array(repeating: 0, count: n)
        active = Array(repeating: true, count: n)
        let weight = model.arcWeight.first ?? 0

        // Fixed arcs take their slots first.
        var fixedLoad = [Double](repeating: 0, count: B)
        for k in model.fixedArcs {
            let i = model.item(ofArc: k), b = Int(model.arcBin[k])
            binOf[i] = Int32(b); arcOf[i] = Int32(k); active[i] = false
            fixedLoad[b] += model.arcWeight[k]
        }
        var reasons: [String] = []
        slots = (0 ..< B).map { b in
            let free = model.capacities[b] - fixedLoad[b]
            if free < -AssignmentModel.tolerance(model.capacities[b]) {
                reasons.append("fixed assignments to \(model.binName(b)) use \(fixedLoad[b]) of its capacity \(model.capacities[b])")
            }
            guard weight > 0 else { return Int.max / 4 }
            return max(0, Int((free / weight + 1e-9).rounded(.down)))
        }
        if !reasons.isEmpty { throw AssignmentError.infeasible(reasons: reasons) }

        Self.prune(model, slots: slots, active: &active)

        struct Entry { var must: Bool; var value: Double; var item: Int32; var arc: Int32 }
        var entries = [[Entry]](repeating: [], count: B)
        for i in 0 ..< n where active[i] {
            let must = model.mustAssign[i]
            for k in model.arcs(ofItem: i) {
                entries[Int(model.arcBin[k])].append(Entry(must: must, value: model.arcValue[k], item: Int32(i), arc: Int32(k)))
            }
        }
        var perBin = [[Int32]](repeating: [], count: B)
        for b in 0 ..< B {
            entries[b].sort { x, y in
                if x.must != y.must { return x.must }
                if x.value != y.value { return x.value > y.value }
                return x.item < y.item
            }
            perBin[b] = entries[b].map(\.arc)
        }
        sourceArcs = perBin
        sourceNext = Array(repeating: 0, count: B)
        moves = Array(repeating: MoveHeap(), count: B * B)

        // Initial potentials make every reduced cost ≥ 0: a bin's potential is its cheapest
        // entry cost, the sink's the lowest bin potential among bins with room.
        potential = Array(repeating: .zero, count: B + 2)
        for b in 0 ..< B {
            if let k = perBin[b].first { potential[b] = cost(arc: Int(k)) }
        }
        var sink = LexCost.zero
        for b in 0 ..< B where slots[b] > 0 { sink = min(sink, potential[b]) }
        potential[B + 1] = sink
    }

    /// Drops items that are in no optimal solution (the rule and its proof are in ``FlowSolver``).
    static func prune(_ model: AssignmentModel, slots: [Int], active: inout [Bool]) {
        let B = model.binCount
        let totalSlots = slots.reduce(0) { $0 &+ min($1, Int.max / (4 * max(1, B))) }
        var fullMinima: [Double] = []
        for i in 0 ..< model.itemCount where active[i] {
            let range = model.arcs(ofItem: i)
            if range.count == B, let minimum = range.lazy.map({ model.arcValue[$0] }).min() {
                fullMinima.append(minimum)
            }
        }
        var threshold = -Double.infinity
        if totalSlots > 0, fullMinima.count >= totalSlots {
            fullMinima.sort(by: >)
            threshold = fullMinima[totalSlots - 1]
        }
        for i in 0 ..< model.itemCount where active[i] && !model.mustAssign[i] {
            let best = model.arcs(ofItem: i).lazy.map { model.arcValue[$0] }.max() ?? 0
            if best <= 0 || best < threshold { active[i] = false }
        }
    }

    func cost(arc k: Int) -> LexCost {
        let i = Int(itemOfArc[k])
        return LexCost(must: model.mustAssign[i] ? -1 : 0, value: -model.arcValue[k])
    }

    /// The cheapest arc from the source into bin b, skipping items already placed.
    mutating func sourceTop(_ b: Int) -> Int? {
        let list = sourceArcs[b]
        var p = sourceNext[b]
        while p < list.count, binOf[Int(itemOfArc[Int(list[p])])] >= 0 { p += 1 }
        sourceNext[b] = p
        return p < list.count ? Int(list[p]) : nil
    }

    /// The cheapest move out of bin b into bin c: (v(j,b) − v(j,c), j).
    mutating func moveTop(_ b: Int, _ c: Int) -> (key: Double, item: Int)? {
        let h = b * binCount + c
        while let top = moves[h].top {
            if binOf[Int(top.item)] == Int32(b) && stamp[Int(top.item)] == top.stamp {
                return (top.key, Int(top.item))
            }
            moves[h].pop()
        }
        return nil
    }

    /// Puts item i into bin b and records its moves out of b.
    mutating func place(_ i: Int, in b: Int) {
        let range = model.arcs(ofItem: i)
        var here = -1
        for k in range where Int(model.arcBin[k]) == b { here = k; break }
        binOf[i] = Int32(b); arcOf[i] = Int32(here)
        stamp[i] &+= 1
        let v = model.arcValue[here]
        for k in range where k != here {
            moves[b * binCount + Int(model.arcBin[k])].push(key: v - model.arcValue[k], item: Int32(i), stamp: stamp[i])
        }
    }

    /// Augments along cheapest paths until none gains.
    mutating func run() throws {
        let B = binCount, source = B, sink = B + 1
        var dist = [LexCost](repeating: .infinity, count: B + 2)
        var done = [Bool](repeating: false, count: B + 2)
        var predBin = [Int](repeating: -1, count: B + 2)
        var predItem = [Int](repeating: -1, count: B + 2)
        while true {
            for v in 0 ..< B + 2 { dist[v] = .infinity; done[v] = false; predBin[v] = -1; predItem[v] = -1 }
            dist[source] = .zero; done[source] = true
            for b in 0 ..< B {
                if let k = sourceTop(b) {
                    dist[b] = (cost(arc: k) + potential[source] - potential[b]).clampedNonNegative
                    predItem[b] = Int(itemOfArc[k])
                }
            }
            while true {
                var u = -1
                for v in 0 ..< B + 2 where !done[v] && dist[v] < .infinity && (u < 0 || dist[v] < dist[u]) { u = v }
                guard u >= 0 else { break }
                done[u] = true
                if u == sink { break }
                if slots[u] > 0 {
                    let d = dist[u] + (potential[u] - potential[sink]).clampedNonNegative
                    if d < dist[sink] { dist[sink] = d; predBin[sink] = u }
                }
                for c in 0 ..< B where !done[c] {
                    guard let move = moveTop(u, c) else { continue }
                    let d = dist[u] + (LexCost(must: 0, value: move.key) + potential[u] - potential[c]).clampedNonNegative
                    if d < dist[c] { dist[c] = d; predBin[c] = u; predItem[c] = move.item }
                }
            }
            guard done[sink] else { break }
            let pathCost = dist[sink] - potential[source] + potential[sink]
            guard pathCost < .zero else { break }
            let reach = dist[sink]
            for v in 0 ..< B + 2 where v != source { potential[v] = potential[v] + min(dist[v], reach) }
            // Walk back from the sink: the last bin takes one more item; each earlier bin passes one on.
            var b = predBin[sink]
            slots[b] -= 1
            while predBin[b] >= 0 {
                let from = predBin[b]
                place(predItem[b], in: b)
                b = from
            }
            place(predItem[b], in: b)
        }
        let missing = (0 ..< model.itemCount).filter { model.mustAssign[$0] && binOf[$0] < 0 }
        if !missing.isEmpty { throw AssignmentError.infeasible(reasons: diagnose(missing)) }
    }

    func diagnose(_ missing: [Int]) -> [String] {
        var reasons = ["\(missing.count) must-assign item(s) cannot be placed"]
        for i in missing.prefix(10) {
            let bins = model.arcs(ofItem: i).map { model.binName(Int(model.arcBin[$0])) }
            reasons.append(bins.isEmpty
                ? "\(model.itemName(i)) has no eligible bin"
                : "\(model.itemName(i)) fits only \(bins.prefix(5).joined(separator: ", "))\(bins.count > 5 ? ", …" : ""), all full of must-assign or fixed items")
        }
        return reasons
    }

    func chosenArcs() -> [Int?] { arcOf.map { $0 >= 0 ? Int($0) : nil } }
}

/// A binary min-heap of (key, item, stamp), ties broken by item so results are deterministic.
struct MoveHeap {
    struct Entry { var key: Double; var item: Int32; var stamp: Int32 }
    private var entries: [Entry] = []

    var top: Entry? { entries.first }

    @inline(__always) private static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.key != b.key ? a.key < b.key : a.item < b.item
    }

    mutating func push(key: Double, item: Int32, stamp: Int32) {
        let e = Entry(key: key, item: item, stamp: stamp)
        entries.append(e)
        var c = entries.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            guard Self.less(e, entries[p]) else { break }
            entries[c] = entries[p]; c = p
        }
        entries[c] = e
    }

    mutating func pop() {
        guard let last = entries.popLast() else { return }
        guard !entries.isEmpty else { return }
        var p = 0
        let n = entries.count
        while true {
            let l = 2 * p + 1, r = l + 1
            var m = l
            guard l < n else { break }
            if r < n && Self.less(entries[r], entries[l]) { m = r }
            guard Self.less(entries[m], last) else { break }
            entries[p] = entries[m]; p = m
        }
        entries[p] = last
    }
}
