/// Step 3: eligible arcs.
extension ModelBuilding {
    /// Arcs laid out by item, then bin, ready for ``AssignmentModel``.
    struct ArcLayout {
        /// Items that have at least one arc, in item order.
        var items: [PlanningItem] = []
        var arcStart: [Int] = [0]
        var arcBin: [Int32] = []
        var arcValue: [Double] = []
        var arcWeight: [Double] = []
        /// Per arc: accounts of the item owned by a rep other than the arc's rep (a move).
        var arcMoves: [Int32] = []
        var fixedArcs: [Int] = []
        /// Items without any eligible arc, and why.
        var unplaceable: [(item: PlanningItem, reason: PoolReason)] = []
        /// Must-assign items whose eligible reps have no room for them.
        var mustAssignWithoutRoom: [(item: PlanningItem, bins: [Int])] = []
        /// The segment × theater cells whose items hold only some of their eligible arcs: the
        /// cell's bins, increasing.
        var cellBins: [[Int]] = []
        /// Per item of ``items``: the index of its cell in ``cellBins`` when it holds only some
        /// of its eligible arcs, else −1.
        var restrictedCell: [Int32] = []
        /// Per item of ``items``: its index in the list it was laid out from.
        var sourceIndex: [Int] = []
    }

    /// Reps selling to a segment, by lowercased segment, and the subset covering a theater.
    struct Coverage {
        var bySegment: [String: [Int]] = [:]
        var cache: [String: [Int]] = [:]

        init(reps: [Rep]) {
            for (bin, rep) in reps.enumerated() { bySegment[rep.segment.lowercased(), default: []].append(bin) }
        }

        /// Bins of reps with this segment covering this theater, increasing.
        mutating func bins(segment: String, theater: String, reps: [Rep]) -> [Int] {
            let key = segment + "\u{1}" + theater
            if let hit = cache[key] { return hit }
            let lowered = theater.lowercased()
            let bins = (bySegment[segment] ?? []).filter { bin in
                reps[bin].theaters.isEmpty || reps[bin].theaters.contains { $0.lowercased() == lowered }
            }
            cache[key] = bins
            return bins
        }
    }

    /// Lays out the arcs of every item.
    ///
    /// A kept item has one arc, to its rep, fixed. A free item has an arc to every rep of its
    /// segment covering its theater that is not barred from any of its accounts, is available on
    /// the as-of day (or owns one of its accounts already) and has room for its workload next to
    /// its kept accounts. Values are `Σ score × specialty × incumbent` over the item's accounts.
    ///
    /// In a large cell (more eligible reps than ``ArcRestriction/eligibleLimit``) an item holds
    /// only a few of them (``ArcRestriction/candidates(eligible:item:)``): its owners, and reps
    /// spread over the cell with and without its specialty. The rest are priced after the solve
    /// (``PlanningModel/priceMissingArcs(_:)``), so the model grows with accounts, not with
    /// accounts × reps. `extra` adds arcs to named items (by index in `items`).
    func layArcs(items: [PlanningItem], residual: [Double], extra: [Int: [Int]] = [:]) -> ArcLayout {
        let outside = itemsOutsideEveryOptimum(items: items, residual: residual)
        var layout = ArcLayout()
        layout.items.reserveCapacity(items.count)
        var coverage = Coverage(reps: reps)
        // Industries as small integers, so the specialty test per arc hashes no strings.
        var industryCode: [String: Int32] = [:]
        for rep in reps {
            for specialty in rep.specialties where industryCode[specialty.lowercased()] == nil {
                industryCode[specialty.lowercased()] = Int32(industryCode.count)
            }
        }
        let specialties: [[Int32]] = reps.map { rep in rep.specialties.compactMap { industryCode[$0.lowercased()] } }
        let industries: [Int32] = accounts.map { scored in
            scored.account.industry.flatMap { industryCode[$0.lowercased()] } ?? -1
        }
        let available = reps.map { $0.isAvailable(on: asOf) }
        let specialtyFit = policy.assignment.specialtyFit
        let incumbentFit = policy.assignment.incumbentFit
        layout.arcBin.reserveCapacity(accounts.count * 4)
        layout.arcValue.reserveCapacity(accounts.count * 4)
        layout.arcWeight.reserveCapacity(accounts.count * 4)
        layout.arcMoves.reserveCapacity(accounts.count * 4)
        var cellOfKey: [String: Int32] = [:]
        var specialistsOf: [Int: [Int]] = [:]
        var eligible: [Int] = []

        func addArc(_ item: PlanningItem, bin: Int) {
            var value = 0.0
            var moves: Int32 = 0
            for a in item.accounts {
                var v = accounts[a].score
                if industries[a] >= 0 && specialties[bin].contains(industries[a]) { v *= specialtyFit }
                let owner = ownerBin[a]
                if owner == Int32(bin) { v *= incumbentFit } else if owner >= 0 { moves += 1 }
                value += v
            }
            layout.arcBin.append(Int32(bin))
            layout.arcValue.append(value)
            layout.arcWeight.append(item.workload)
            layout.arcMoves.append(moves)
        }

        for (index, item) in items.enumerated() {
            if outside[index] {
                layout.unplaceable.append((item, .noCapacity))
                continue
            }
            var cell: Int32 = -1
            if let bin = item.fixedBin {
                layout.fixedArcs.append(layout.arcBin.count)
                addArc(item, bin: bin)
            } else {
                let candidates = coverage.bins(segment: item.segment.lowercased(), theater: item.theater ?? "",
                                               reps: reps)
                var sawBarred = false, sawUnavailable = false
                var roomless: [Int] = []
                let before = layout.arcBin.count
                let hasBars = !barredBins.isEmpty && item.accounts.contains { barredBins[$0] != nil }
                eligible.removeAll(keepingCapacity: true)
                for bin in candidates {
                    if hasBars && item.accounts.contains(where: { barredBins[$0]?.contains(bin) ?? false }) {
                        sawBarred = true; continue
                    }
                    if !available[bin] && !item.accounts.contains(where: { ownerBin[$0] == Int32(bin) }) {
                        sawUnavailable = true; continue
                    }
                    if item.workload > residual[bin] + 1e-9 { roomless.append(bin); continue }
                    eligible.append(bin)
                }
                // A must-assign item keeps every arc: fewer could leave no room for it.
                if let restriction, !item.mustAssign, eligible.count > restriction.eligibleLimit {
                    let key = item.segment.lowercased() + "\u{1}" + (item.theater ?? "")
                    if let known = cellOfKey[key] { cell = known } else {
                        cell = Int32(layout.cellBins.count)
                        cellOfKey[key] = cell
                        layout.cellBins.append(candidates)
                    }
                    let owners = item.accounts.compactMap { ownerBin[$0] >= 0 ? Int(ownerBin[$0]) : nil }
                    // The cell's specialists of each industry, found once per cell and industry.
                    var specialists: [Int] = []
                    for a in item.accounts where industries[a] >= 0 {
                        let key = Int(cell) * industryCode.count + Int(industries[a])
                        if let known = specialistsOf[key] { specialists += known; continue }
                        let found = candidates.filter { specialties[$0].contains(industries[a]) }
                        specialistsOf[key] = found
                        specialists += found
                    }
                    if item.accounts.count > 1 { specialists = Array(Set(specialists)).sorted() }
                    var chosen = restriction.candidates(eligible: eligible, item: index, owners: owners,
                                                        specialists: specialists)
                    if let added = extra[index] {
                        chosen = Array(Set(chosen).union(added.filter { eligible.contains($0) })).sorted()
                    }
                    for bin in chosen { addArc(item, bin: bin) }
                } else {
                    for bin in eligible { addArc(item, bin: bin) }
                }
                if layout.arcBin.count == before {
                    if item.mustAssign && !roomless.isEmpty {
                        layout.mustAssignWithoutRoom.append((item, roomless))
                    }
                    let reason: PoolReason = !roomless.isEmpty ? .noCapacity
                        : sawUnavailable ? .repUnavailable
                        : sawBarred ? .barred
                        : .noEligibleRep
                    layout.unplaceable.append((item, reason))
                    continue
                }
            }
            layout.items.append(item)
            layout.arcStart.append(layout.arcBin.count)
            layout.restrictedCell.append(item.fixedBin == nil ? cell : -1)
            layout.sourceIndex.append(index)
        }
        return layout
    }

    /// Items that are in no optimal plan, found before their arcs exist, so that a large plan
    /// does not store arcs nobody will use. Only with fairness off: the other side rows are then
    /// move limits, which an unowned account never counts against.
    ///
    /// Per segment × theater cell, let `M` be the most items its available reps can still take
    /// (their free capacity over the segment's smallest workload) and `θ(w)` the `M`-th largest
    /// worst-case value `Σ score × min(1, specialty)` among the cell's free, unowned, unbarred
    /// items of workload ≤ w (the **dominators**: each is eligible for every available rep of the
    /// cell with room for w). An optional free item of workload w, not owned by an unavailable
    /// rep, whose best-case value `Σ score × max(1, specialty) × max(1, incumbent)` is below
    /// `θ(w)` is in no optimal plan: placed with rep r, it leaves at most `M − 1` places for the
    /// `M` dominators worth at least `θ(w)`, so one of them is unplaced; it fits r in its place
    /// (no more workload, no move counted) and is worth more there. Such an item is pooled for
    /// lack of capacity, as the solver would leave it.
    func itemsOutsideEveryOptimum(items: [PlanningItem], residual: [Double]) -> [Bool] {
        var outside = [Bool](repeating: false, count: items.count)
        guard policy.assignment.fairnessMode == .off else { return outside }
        let available = reps.map { $0.isAvailable(on: asOf) }
        let specialty = policy.assignment.specialtyFit, incumbent = policy.assignment.incumbentFit
        var smallestWorkload: [String: Double] = [:]
        for item in items where item.fixedBin == nil {
            let segment = item.segment.lowercased()
            smallestWorkload[segment] = min(smallestWorkload[segment] ?? .infinity, item.workload)
        }
        struct Cell {
            var segment: String
            var bins: [Int]
            var dominators: [(value: Double, workload: Double)] = []
            var candidates: [Int] = []
        }
        var coverage = Coverage(reps: reps)
        var cellIndex: [String: Int] = [:]
        var cells: [Cell] = []
        for (index, item) in items.enumerated() where item.fixedBin == nil {
            let segment = item.segment.lowercased(), theater = item.theater ?? ""
            let key = segment + "\u{1}" + theater
            let c: Int
            if let known = cellIndex[key] { c = known } else {
                c = cells.count
                cellIndex[key] = c
                let bins = coverage.bins(segment: segment, theater: theater, reps: reps).filter { available[$0] }
                cells.append(Cell(segment: segment, bins: bins))
            }
            let score = item.accounts.reduce(0.0) { $0 + accounts[$1].score }
            let owned = item.accounts.contains { ownerBin[$0] >= 0 }
            let barred = item.accounts.contains { barredBins[$0] != nil }
            if !owned && !barred { cells[c].dominators.append((score * min(1, specialty), item.workload)) }
            let ownerAway = item.accounts.contains { ownerBin[$0] >= 0 && !available[Int(ownerBin[$0])] }
            if !item.mustAssign && !ownerAway { cells[c].candidates.append(index) }
        }
        for var cell in cells where !cell.candidates.isEmpty {
            guard let smallest = smallestWorkload[cell.segment], smallest > 0 else { continue }
            // Counted in Double: a huge residual over a tiny workload must not trap a conversion.
            let room = cell.bins.reduce(0.0) { $0 + (residual[$1] / smallest + 1e-9).rounded(.down) }
            guard room >= 1, Double(cell.dominators.count) >= room else { continue }
            let places = Int(room)
            cell.dominators.sort { $0.value > $1.value }
            var threshold: [Double: Double] = [:]
            for index in cell.candidates {
                let item = items[index]
                let theta = threshold[item.workload] ?? {
                    var count = 0
                    for d in cell.dominators where d.workload <= item.workload {
                        count += 1
                        if count == places { return d.value }
                    }
                    return -.infinity
                }()
                threshold[item.workload] = theta
                let best = item.accounts.reduce(0.0) { total, a in
                    total + accounts[a].score * max(1, specialty) * (ownerBin[a] >= 0 ? max(1, incumbent) : 1)
                }
                if best < theta { outside[index] = true }
            }
        }
        return outside
    }
}
