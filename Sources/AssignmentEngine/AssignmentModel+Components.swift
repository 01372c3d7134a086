/// An independent part of a model: items and bins connected by arcs or side rows.
struct ModelComponent: Sendable {
    /// Original item indices, ascending.
    var items: [Int]
    /// Original bin indices, ascending.
    var bins: [Int]
    /// Original side-row indices, ascending.
    var rows: [Int]
    /// Original aggregate indices, ascending.
    var aggregates: [Int]
    /// The component as a model of its own (items, bins and arcs renumbered, order kept).
    var model: AssignmentModel
    /// Original arc index of each arc of `model`.
    var arcMap: [Int]
}

extension AssignmentModel {
    /// Splits the model into independent components.
    ///
    /// Items and bins are nodes; an arc joins its item and bin, a side row joins everything its arcs
    /// touch. Items without arcs belong to no component. Components are ordered by their smallest
    /// item, and inside a component items, bins and arcs keep their original order, so the split —
    /// and therefore every result — is the same whatever the thread count.
    ///
    /// Only bins enter the union-find: an item is in the component of the bin of its first arc,
    /// its other arcs join their bins to that one, and a row or aggregate joins the bins of its
    /// arcs. A run of arcs into the same bin (a rep's whole book in its fairness aggregate) costs
    /// one comparison per arc, and every lookup stays in an array of `binCount` entries.
    /// - Complexity: O((items + bins + arcs + row terms) · α).
    func components() -> [ModelComponent] {
        var parent = Array(0 ..< binCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func union(_ a: Int, _ b: Int) {
            let ra = find(a), rb = find(b)
            if ra != rb { if ra < rb { parent[rb] = ra } else { parent[ra] = rb } }
        }
        /// Joins the bins of `arcs` to the component of bin `anchor`.
        func join<S: Sequence>(_ arcs: S, anchor: Int) where S.Element == Int {
            var root = find(anchor)
            for k in arcs {
                let b = Int(arcBin[k])
                // With paths compressed, a bin already joined points straight at the root.
                if parent[b] != root { union(root, b); root = find(root) }
            }
        }
        for i in 0 ..< itemCount where arcStart[i] < arcStart[i + 1] {
            let range = arcs(ofItem: i)
            join(range.dropFirst(), anchor: Int(arcBin[range.lowerBound]))
        }
        for aggregate in aggregates {
            guard let first = aggregate.arcs.first else { continue }
            join(aggregate.arcs, anchor: Int(arcBin[first]))
        }
        for (s, row) in sideRows.enumerated() {
            guard let first = anchorArc(ofRow: s) else { continue }
            let anchor = Int(arcBin[first])
            join(row.arcs, anchor: anchor)
            for g in row.aggregates {
                if let k = aggregates[g].arcs.first { join(CollectionOfOne(k), anchor: anchor) }
            }
        }
        func rootOfArc(_ k: Int) -> Int { find(Int(arcBin[k])) }
        // Group by root, in order of first item.
        var componentOfRoot = [Int](repeating: -1, count: binCount)
        var groups: [(items: [Int], bins: [Int], rows: [Int], aggregates: [Int])] = []
        for i in 0 ..< itemCount where arcStart[i] < arcStart[i + 1] {
            let r = rootOfArc(arcStart[i])
            if componentOfRoot[r] >= 0 { groups[componentOfRoot[r]].items.append(i) } else {
                componentOfRoot[r] = groups.count
                groups.append(([i], [], [], []))
            }
        }
        for (g, aggregate) in aggregates.enumerated() {
            guard let first = aggregate.arcs.first else { continue }
            let c = componentOfRoot[rootOfArc(first)]
            if c >= 0 { groups[c].aggregates.append(g) }
        }
        for b in 0 ..< binCount {
            let c = componentOfRoot[find(b)]
            if c >= 0 { groups[c].bins.append(b) }
        }
        for s in sideRows.indices {
            guard let first = anchorArc(ofRow: s) else { continue }
            let c = componentOfRoot[rootOfArc(first)]
            if c >= 0 { groups[c].rows.append(s) }
        }
        var localArc = [Int](repeating: -1, count: arcCount)
        var localBin = [Int32](repeating: -1, count: binCount)
        let fixedOfComponent = Dictionary(grouping: fixedArcs) { componentOfRoot[rootOfArc($0)] }
        return groups.enumerated().map { c, group in
            extract(items: group.items, bins: group.bins, rows: group.rows, aggregates: group.aggregates,
                    fixed: fixedOfComponent[c] ?? [], localArc: &localArc, localBin: &localBin)
        }
    }

    /// The sub-model on the given items, bins and rows (which must be closed under arcs and rows).
    /// `localArc` and `localBin` are scratch arrays of `arcCount` and `binCount` entries.
    func extract(items: [Int], bins: [Int], rows: [Int], aggregates chosenAggregates: [Int], fixed: [Int],
                 localArc: inout [Int], localBin: inout [Int32]) -> ModelComponent {
        for (l, b) in bins.enumerated() { localBin[b] = Int32(l) }
        var start = [0]; start.reserveCapacity(items.count + 1)
        var arcBin: [Int32] = [], arcValue: [Double] = [], arcWeight: [Double] = [], arcMap: [Int] = []
        let count = items.reduce(0) { $0 + arcs(ofItem: $1).count }
        arcBin.reserveCapacity(count); arcValue.reserveCapacity(count)
        arcWeight.reserveCapacity(count); arcMap.reserveCapacity(count)
        for i in items {
            for k in arcs(ofItem: i) {
                localArc[k] = arcMap.count
                arcMap.append(k)
                arcBin.append(localBin[Int(self.arcBin[k])])
                arcValue.append(self.arcValue[k])
                arcWeight.append(self.arcWeight[k])
            }
            start.append(arcMap.count)
        }
        var localAggregate: [Int: Int] = [:]
        for (l, g) in chosenAggregates.enumerated() { localAggregate[g] = l }
        let subAggregates = chosenAggregates.map { g -> Aggregate in
            var aggregate = aggregates[g]
            aggregate.arcs = aggregate.arcs.map { localArc[$0] }
            return aggregate
        }
        let sub = rows.map { s -> SideRow in
            var row = sideRows[s]
            row.arcs = row.arcs.map { localArc[$0] }
            // An aggregate without arcs is the constant 0: its terms drop out.
            let kept = row.aggregates.indices.filter { localAggregate[row.aggregates[$0]] != nil }
            row.aggregateCoefficients = kept.map { row.aggregateCoefficients[$0] }
            row.aggregates = kept.map { localAggregate[row.aggregates[$0]]! }
            return row
        }
        let model = AssignmentModel(
            itemCount: items.count,
            capacities: bins.map { capacities[$0] },
            mustAssign: items.map { mustAssign[$0] },
            arcStart: start, arcBin: arcBin, arcValue: arcValue, arcWeight: arcWeight,
            fixedArcs: fixed.map { localArc[$0] }.sorted(),
            sideRows: sub,
            aggregates: subAggregates,
            itemNames: itemNames.map { names in items.map { names[$0] } },
            binNames: binNames.map { names in bins.map { names[$0] } })
        return ModelComponent(items: items, bins: bins, rows: rows, aggregates: chosenAggregates, model: model, arcMap: arcMap)
    }

    /// An arc the row depends on, directly or through an aggregate; nil for a constant row.
    func anchorArc(ofRow s: Int) -> Int? {
        let row = sideRows[s]
        if let k = row.arcs.first { return k }
        for g in row.aggregates { if let k = aggregates[g].arcs.first { return k } }
        return nil
    }

    /// Side rows that depend on no arc: their activity is 0 whatever the assignment.
    /// - Returns: a reason for each such row whose bounds exclude 0 (and no deviation absorbs it).
    func constantRowConflicts() -> [String] {
        sideRows.indices.compactMap { s in
            guard anchorArc(ofRow: s) == nil else { return nil }
            let row = sideRows[s]
            if let lo = row.lower, lo > AssignmentModel.tolerance(lo), row.deviationPenalty == nil {
                return "side row \"\(row.name)\" needs at least \(lo) but no arc can contribute to it"
            }
            if let hi = row.upper, hi < -AssignmentModel.tolerance(hi) {
                return "side row \"\(row.name)\" allows at most \(hi) but its value is 0 whatever is assigned"
            }
            return nil
        }
    }
}

extension AssignmentModel {
    /// The same model with every aggregate term written out over arcs (for solvers that only
    /// take rows over arcs). Rows sharing an aggregate each get a copy of its arcs.
    /// - Complexity: O(Σ over rows of the arcs of their aggregates).
    func expandingAggregates() -> AssignmentModel {
        guard !aggregates.isEmpty else { return self }
        var copy = self
        copy.sideRows = sideRows.map { row in
            guard !row.aggregates.isEmpty else { return row }
            var coefficient: [Int: Double] = [:]
            for (k, c) in zip(row.arcs, row.coefficients) { coefficient[k, default: 0] += c }
            for (g, beta) in zip(row.aggregates, row.aggregateCoefficients) {
                for (k, a) in zip(aggregates[g].arcs, aggregates[g].coefficients) { coefficient[k, default: 0] += beta * a }
            }
            let arcs = coefficient.keys.sorted().filter { coefficient[$0] != 0 }
            return SideRow(arcs: arcs, coefficients: arcs.map { coefficient[$0]! }, lower: row.lower, upper: row.upper,
                           deviationPenalty: row.deviationPenalty, name: row.name)
        }
        copy.aggregates = []
        return copy
    }
}
