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
    func layArcs(items: [PlanningItem], residual: [Double]) -> ArcLayout {
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

        for item in items {
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
                for bin in candidates {
                    if hasBars && item.accounts.contains(where: { barredBins[$0]?.contains(bin) ?? false }) {
                        sawBarred = true; continue
                    }
                    if !available[bin] && !item.accounts.contains(where: { ownerBin[$0] == Int32(bin) }) {
                        sawUnavailable = true; continue
                    }
                    if item.workload > residual[bin] + 1e-9 { roomless.append(bin); continue }
                    addArc(item, bin: bin)
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
        }
        return layout
    }
}
