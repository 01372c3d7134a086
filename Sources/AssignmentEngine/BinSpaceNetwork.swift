/// The state of ``FlowSolver``'s successive-shortest-path run on one component.
///
/// Nodes are the bins, the hubs (see ``ItemHubs``), the source and the sink; an item is never a
/// node. Edges are built from the items: the source reaches a bin through an item's explicit arc
/// and a hub through one of its items; a hub reaches each of its bins at no cost; a bin reaches
/// another bin (an explicit move) or a hub (a generic move) through one of the items it holds.
struct BinSpaceNetwork {
    let model: AssignmentModel
    let binCount: Int
    let hubs: ItemHubs
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
    /// Per bin, then per hub: the ways in from the source, cheapest first (ties by item), at
    /// `sourceStart[v] ..< sourceStart[v + 1]` of `sourceEntries`.
    var sourceEntries: [SourceEntry]
    var sourceStart: [Int]
    var sourceNext: [Int]
    /// Move heaps: items held by a bin keyed by what leaving it through one edge costs.
    var moves: [MinHeap<MoveEntry>] = []
    /// Heap of the edge (bin, node) at `bin * nodeCount + node`.
    var heapOfEdge: [Int: Int32] = [:]
    /// Per bin: the nodes it has move heaps towards, with the heap. A heap found empty is unlinked
    /// (searches skip it without touching it) and linked again by its next push.
    var outgoing: [[(node: Int32, heap: Int32)]]
    /// Per move heap: whether it is in its bin's `outgoing`.
    var linked: [Bool] = []
    /// Johnson potentials of the bins, the hubs, the source and the sink.
    var potential: [LexCost]
    /// Reduced costs up to this are zero (rounding in the potentials).
    let tolerance: Double

    struct SourceEntry { var item: Int32; var arc: Int32; var value: Double }

    /// Bins, then hubs.
    var nodeCount: Int { binCount + hubs.count }

    /// - Parameters:
    ///   - minimumHubBins: the smallest bin set that becomes a hub (see ``ItemHubs``).
    ///   - minimumHubMembers: the fewest items that make a set a hub.
    init(_ model: AssignmentModel, minimumHubBins: Int = ItemHubs.defaultMinimumBins,
         minimumHubMembers: Int = ItemHubs.defaultMinimumMembers) throws {
        self.model = model
        let n = model.itemCount, B = model.binCount
        binCount = B
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
            let room = (free / weight + 1e-9).rounded(.down)
            return room.isNaN || room <= 0 ? 0 : room >= Double(Int.max / 4) ? Int.max / 4 : Int(room)
        }
        if !reasons.isEmpty { throw AssignmentError.infeasible(reasons: reasons) }

        tolerance = 1e-9 * max(1, model.arcValue.lazy.map(abs).max() ?? 1)
        hubs = ItemHubs(model, active: active, minimumBins: minimumHubBins, minimumMembers: minimumHubMembers)
        Self.prune(model, hubs: hubs, slots: slots, active: &active)

        // The ways in from the source: explicit arcs into bins, hub items into hubs.
        let V = B + hubs.count
        var entries = [[SourceEntry]](repeating: [], count: V)
        for i in 0 ..< n where active[i] {
            for m in hubs.members(of: i) {
                entries[B + Int(hubs.memberHub[m])].append(SourceEntry(item: Int32(i), arc: -1, value: hubs.memberValue[m]))
            }
            for k in model.arcs(ofItem: i) where hubs.isExplicit(arc: k, item: i, model) {
                entries[Int(model.arcBin[k])].append(SourceEntry(item: Int32(i), arc: Int32(k), value: model.arcValue[k]))
            }
        }
        let mustAssign = model.mustAssign
        sourceStart = [0]
        sourceEntries = []
        for v in 0 ..< V {
            entries[v].sort { x, y in
                let (mx, my) = (mustAssign[Int(x.item)], mustAssign[Int(y.item)])
                if mx != my { return mx }
                if x.value != y.value { return x.value > y.value }
                return x.item < y.item
            }
            sourceEntries += entries[v]
            sourceStart.append(sourceEntries.count)
            entries[v] = []
        }
        sourceNext = Array(sourceStart.dropLast())
        outgoing = Array(repeating: [], count: B)

        // Initial potentials are the shortest distances from the source while no item is placed
        // (the graph is then source → hubs → bins → sink), so every reduced cost is ≥ 0.
        potential = Array(repeating: .zero, count: V + 2)
        var first = [LexCost?](repeating: nil, count: V)
        for v in 0 ..< V where sourceStart[v] < sourceStart[v + 1] {
            let e = sourceEntries[sourceStart[v]]
            first[v] = LexCost(must: mustAssign[Int(e.item)] ? -1 : 0, value: -e.value)
            potential[v] = first[v]!
        }
        for h in 0 ..< hubs.count {
            guard let p = first[B + h] else { continue }
            for t in hubs.bins(of: h) {
                let b = Int(hubs.binList[t])
                potential[b] = min(potential[b], p)
            }
        }
        var sink = LexCost.zero
        for b in 0 ..< B where slots[b] > 0 { sink = min(sink, potential[b]) }
        potential[V + 1] = sink
    }

    /// Drops items that are in no optimal solution (the rules and their proofs are in
    /// ``FlowSolver``): below the component's threshold `θ`, below their hub's threshold `θ_h`,
    /// or worth nothing anywhere.
    static func prune(_ model: AssignmentModel, hubs: ItemHubs, slots: [Int], active: inout [Bool]) {
        let B = model.binCount
        func threshold(_ values: inout [Double], room: Int) -> Double {
            guard room > 0, values.count >= room else { return -.infinity }
            values.sort(by: >)
            return values[room - 1]
        }
        func room(_ bins: some Sequence<Int>) -> Int {
            bins.reduce(0) { $0 &+ min(slots[$1], Int.max / (4 * max(1, B))) }
        }
        // Items eligible for every bin, by their worst value; hub items by their generic value.
        var fullMinima: [Double] = []
        var members = [[Double]](repeating: [], count: hubs.count)
        for i in 0 ..< model.itemCount where active[i] {
            let range = model.arcs(ofItem: i)
            if range.count == B, let minimum = range.lazy.map({ model.arcValue[$0] }).min() {
                fullMinima.append(minimum)
            }
            if let (h, x) = hubs.lowestHub(of: i) { members[h].append(x) }
        }
        let theta = threshold(&fullMinima, room: room(0 ..< B))
        let hubTheta = (0 ..< hubs.count).map { h in threshold(&members[h], room: room(hubs.bins(of: h).lazy.map { Int(hubs.binList[$0]) })) }
        for i in 0 ..< model.itemCount where active[i] && !model.mustAssign[i] {
            let best = model.arcs(ofItem: i).lazy.map { model.arcValue[$0] }.max() ?? 0
            let lowest = hubs.lowestHub(of: i)
            if best <= 0 || best < theta || lowest.map({ best < hubTheta[$0.hub] }) == true { active[i] = false }
        }
    }

    func cost(_ e: SourceEntry) -> LexCost {
        LexCost(must: model.mustAssign[Int(e.item)] ? -1 : 0, value: -e.value)
    }

    /// The cheapest way in from the source to node v, skipping items already placed.
    mutating func sourceTop(_ v: Int) -> SourceEntry? {
        var p = sourceNext[v]
        let end = sourceStart[v + 1]
        while p < end, binOf[Int(sourceEntries[p].item)] >= 0 { p += 1 }
        sourceNext[v] = p
        return p < end ? sourceEntries[p] : nil
    }

    /// The cheapest move out of bin b along move heap h: (its cost, the item).
    mutating func moveTop(_ h: Int, from b: Int) -> (key: Double, item: Int)? {
        while let top = moves[h].top {
            if binOf[Int(top.item)] == Int32(b) && stamp[Int(top.item)] == top.stamp {
                return (top.key, Int(top.item))
            }
            moves[h].pop()
        }
        return nil
    }

    /// Pushes a move of item i out of bin b towards node v.
    mutating func push(from b: Int, to v: Int, key: Double, item i: Int) {
        let edge = b * nodeCount + v
        let h: Int
        if let known = heapOfEdge[edge] {
            h = Int(known)
            if !linked[h] { linked[h] = true; outgoing[b].append((Int32(v), Int32(h))) }
        } else {
            h = moves.count
            moves.append(MinHeap())
            linked.append(true)
            heapOfEdge[edge] = Int32(h)
            outgoing[b].append((Int32(v), Int32(h)))
        }
        moves[h].push(MoveEntry(key: key, item: Int32(i), stamp: stamp[i]))
    }

    /// Puts item i into bin b and records its moves out of b.
    mutating func place(_ i: Int, in b: Int) {
        let range = model.arcs(ofItem: i)
        // Arcs of an item are sorted by bin.
        var lo = range.lowerBound, hi = range.upperBound - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(model.arcBin[mid]) < b { lo = mid + 1 } else { hi = mid }
        }
        let here = Int(model.arcBin[lo]) == b ? lo : range.first { Int(model.arcBin[$0]) == b }!
        binOf[i] = Int32(b); arcOf[i] = Int32(here)
        stamp[i] &+= 1
        let v = model.arcValue[here]
        for k in range where k != here && hubs.isExplicit(arc: k, item: i, model) {
            push(from: b, to: Int(model.arcBin[k]), key: v - model.arcValue[k], item: i)
        }
        for m in hubs.members(of: i) {
            push(from: b, to: binCount + Int(hubs.memberHub[m]), key: v - hubs.memberValue[m], item: i)
        }
    }

    /// Augments along cheapest paths until none gains.
    /// - Parameter deadline: when given, the run stops with ``AssignmentError/noSolutionInTime(solver:seconds:)``
    ///   once it is past (checked every 16 searches); the answer so far is not optimal then.
    mutating func run(deadline: ContinuousClock.Instant? = nil) throws {
        let started = ContinuousClock.now
        var searches = 0
        let B = binCount, V = nodeCount, source = V, sink = V + 1
        var dist = [LexCost](repeating: .infinity, count: V + 2)
        var done = [Bool](repeating: false, count: V + 2)
        var predNode = [Int](repeating: -1, count: V + 2)
        var predItem = [Int](repeating: -1, count: V + 2)
        var queue = MinHeap<NodeEntry>()
        var cursor = [Int](repeating: 0, count: V + 2), dead = done, onPath = done
        while true {
            searches += 1
            if let deadline, searches % 16 == 0, ContinuousClock.now >= deadline {
                throw AssignmentError.noSolutionInTime(solver: "flow", seconds: started.secondsElapsed)
            }
            for v in 0 ..< V + 2 { dist[v] = .infinity; done[v] = false; predNode[v] = -1; predItem[v] = -1 }
            dist[source] = .zero; done[source] = true
            queue.removeAll()
            for v in 0 ..< V {
                if let e = sourceTop(v) {
                    dist[v] = (cost(e) + potential[source] - potential[v]).clampedNonNegative
                    predNode[v] = source; predItem[v] = Int(e.item)
                    queue.push(NodeEntry(dist: dist[v], node: Int32(v)))
                }
            }
            func relax(_ w: Int, _ d: LexCost, from u: Int, item: Int) {
                if d < dist[w] { dist[w] = d; predNode[w] = u; predItem[w] = item; queue.push(NodeEntry(dist: d, node: Int32(w))) }
            }
            while let entry = queue.pop() {
                let d = entry.dist, node = entry.node
                let u = Int(node)
                guard !done[u], d == dist[u] else { continue }
                done[u] = true
                if u == sink { break }
                if u < B {
                    if slots[u] > 0 { relax(sink, dist[u] + (potential[u] - potential[sink]).clampedNonNegative, from: u, item: -1) }
                    // Heaps found empty leave the list, which is compacted as it is read.
                    let count = outgoing[u].count
                    var kept = 0
                    for read in 0 ..< count {
                        let edge = outgoing[u][read]
                        let w = Int(edge.node)
                        if !done[w] {
                            guard let move = moveTop(Int(edge.heap), from: u) else { linked[Int(edge.heap)] = false; continue }
                            relax(w, dist[u] + (LexCost(must: 0, value: move.key) + potential[u] - potential[w]).clampedNonNegative, from: u, item: move.item)
                        }
                        if kept != read { outgoing[u][kept] = edge }
                        kept += 1
                    }
                    if kept < count { outgoing[u].removeLast(count - kept) }
                } else {
                    for t in hubs.bins(of: u - B) where !done[Int(hubs.binList[t])] {
                        let w = Int(hubs.binList[t])
                        relax(w, dist[u] + (potential[u] - potential[w]).clampedNonNegative, from: u, item: -1)
                    }
                }
            }
            guard done[sink] else { break }
            let pathCost = dist[sink] - potential[source] + potential[sink]
            guard pathCost < .zero else { break }
            let reach = dist[sink]
            for v in 0 ..< V + 2 where v != source { potential[v] = potential[v] + min(dist[v], reach) }
            augment(predNode: predNode, predItem: predItem)
            augmentTight(cursor: &cursor, dead: &dead, onPath: &onPath, predNode: &predNode, predItem: &predItem)
        }
        let missing = (0 ..< model.itemCount).filter { model.mustAssign[$0] && binOf[$0] < 0 }
        if !missing.isEmpty { throw AssignmentError.infeasible(reasons: diagnose(missing)) }
    }

    /// Walks back from the sink along `predNode`: the last bin takes one more item; each earlier
    /// bin passes one on. Through a hub, the item is the one that entered the hub.
    mutating func augment(predNode: [Int], predItem: [Int]) {
        let B = binCount, V = nodeCount, source = V, sink = V + 1
        var b = predNode[sink]
        slots[b] -= 1
        while b != source {
            var from = predNode[b], item = predItem[b]
            if from >= B && from < V { item = predItem[from]; from = predNode[from] }
            place(item, in: b)
            b = from
        }
    }

    /// After a search and its potential update, augments along further paths whose every edge
    /// has zero reduced cost (a depth-first search with a cursor per node; a node that leads
    /// nowhere is not tried again until the next search). Such a path costs what the shortest
    /// path cost, so it gains as much, and augmenting along it keeps every reduced cost ≥ 0;
    /// items of equal value, common in a cell, are then placed many per search.
    mutating func augmentTight(cursor: inout [Int], dead: inout [Bool], onPath: inout [Bool],
                               predNode: inout [Int], predItem: inout [Int]) {
        let B = binCount, V = nodeCount, source = V, sink = V + 1
        for v in 0 ..< V + 2 { cursor[v] = 0; dead[v] = false; onPath[v] = false }
        let tolerance = self.tolerance
        func tight(_ r: LexCost) -> Bool { r.must == 0 && r.value <= tolerance }
        var stack = [source]
        onPath[source] = true
        while let u = stack.last {
            var next = -1, nextItem = -1
            if u == source {
                while cursor[u] < V {
                    let v = cursor[u]
                    if !dead[v], let e = sourceTop(v), tight(cost(e) - potential[v]) { next = v; nextItem = Int(e.item); break }
                    cursor[u] += 1
                }
            } else if u < B {
                if slots[u] > 0 && tight(potential[u] - potential[sink]) {
                    next = sink
                } else {
                    let edges = outgoing[u]
                    while cursor[u] < edges.count {
                        let w = Int(edges[cursor[u]].node)
                        if !dead[w] && !onPath[w], let move = moveTop(Int(edges[cursor[u]].heap), from: u),
                           tight(LexCost(must: 0, value: move.key) + potential[u] - potential[w]) {
                            next = w; nextItem = move.item; break
                        }
                        cursor[u] += 1
                    }
                }
            } else {
                let range = hubs.bins(of: u - B)
                while range.lowerBound + cursor[u] < range.upperBound {
                    let w = Int(hubs.binList[range.lowerBound + cursor[u]])
                    if !dead[w] && !onPath[w] && tight(potential[u] - potential[w]) { next = w; break }
                    cursor[u] += 1
                }
            }
            guard next >= 0 else {
                dead[u] = true; onPath[u] = false
                stack.removeLast()
                continue
            }
            predNode[next] = u; predItem[next] = nextItem
            if next == sink {
                augment(predNode: predNode, predItem: predItem)
                for v in stack { onPath[v] = false }
                stack = [source]
                onPath[source] = true
            } else {
                onPath[next] = true
                stack.append(next)
            }
        }
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
