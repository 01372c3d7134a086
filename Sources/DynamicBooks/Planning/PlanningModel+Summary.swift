import AssignmentEngine

/// The summary of a plan: solver quality, counts, per rep, group and cell.
extension PlanningModel {
    func summarize(solution: AssignmentSolution, outcome: Outcome, books: [BookEntry], pool: [PoolEntry],
                   changes: [Change]) -> PlanSummary {
        let r = PlanNumber.rounded
        let objective = recomputedObjective(solution: solution, outcome: outcome)
        let band = policy.assignment.fairnessBand

        // Per rep.
        var value = Array(repeating: 0.0, count: reps.count)
        var score = Array(repeating: 0.0, count: reps.count)
        var count = Array(repeating: 0, count: reps.count)
        var tiers = Array(repeating: [String: Int](uniqueKeysWithValues: Tier.allCases.map { ($0.rawValue, 0) }),
                          count: reps.count)
        var movesIn = Array(repeating: 0, count: reps.count)
        var kept = Array(repeating: 0, count: reps.count)
        for (a, scored) in accounts.enumerated() {
            let bin = Int(outcome.binOfAccount[a])
            guard bin >= 0 else { continue }
            value[bin] += self.value(ofAccount: a, bin: bin)
            score[bin] += scored.score
            count[bin] += 1
            tiers[bin][scored.tier.rawValue, default: 0] += 1
            let owner = ownerBin[a]
            if owner == Int32(bin) { kept[bin] += 1 } else if owner >= 0 { movesIn[bin] += 1 }
        }
        let groupScore = groups.map { $0.comparedBins.reduce(0.0) { $0 + score[$1] } }
        /// Only the compared reps (available, with capacity) have a ratio.
        func ratio(_ bin: Int) -> Double? {
            let g = comparedGroupOfBin[bin]
            guard g >= 0 else { return nil }
            return FairnessMeasure.ratio(value: score[bin], capacity: plannedCapacities[bin],
                                         groupValue: groupScore[g], groupCapacity: groups[g].comparedCapacity)
        }
        let repSummaries = reps.indices.map { bin in
            RepSummary(id: reps[bin].id, segment: reps[bin].segment, group: groups[groupOfBin[bin]].name,
                       capacity: r(plannedCapacities[bin]), load: r(outcome.load[bin]), accounts: count[bin],
                       value: r(value[bin]), score: r(score[bin]), tiers: tiers[bin], fairnessRatio: ratio(bin).map(r),
                       movesIn: movesIn[bin], kept: kept[bin], added: count[bin] - kept[bin] - movesIn[bin],
                       available: reps[bin].isAvailable(on: asOf))
        }

        // Per group.
        let groupSummaries = groups.enumerated().map { g, group in
            let ratios = group.bins.compactMap(ratio)
            let perUnit = group.comparedBins.map { score[$0] / plannedCapacities[$0] }
            return GroupSummary(
                name: group.name, reps: group.bins.count, capacity: r(group.capacity),
                load: r(group.bins.reduce(0.0) { $0 + outcome.load[$1] }), score: r(groupScore[g]),
                minRatio: ratios.min().map(r), maxRatio: ratios.max().map(r), gini: r(FairnessMeasure.gini(perUnit)),
                withinBand: ratios.allSatisfy { $0 >= 1 - band - 1e-9 && $0 <= 1 + band + 1e-9 })
        }

        let components = componentSummaries(solution)
        let cells = cellSummaries(outcome: outcome, pool: pool, groupSummaries: groupSummaries,
                                  movesIn: movesIn, count: count, components: components)

        var poolByReason: [String: Int] = [:]
        for entry in pool { poolByReason[entry.reason.rawValue, default: 0] += 1 }
        var changesByReason: [String: Int] = [:]
        for change in changes { changesByReason[change.reason.rawValue, default: 0] += 1 }
        let pooledIDs = Set(pool.map(\.accountID))
        let pooledCustomers = accounts.filter { $0.account.customer && pooledIDs.contains($0.id) }.count
        let bound = solution.bound.map(r)
        let gap = bound.map { max(0, $0 - objective) / max(1e-9, abs($0)) }.map(r)

        return PlanSummary(
            mode: mode, asOf: asOf, fairnessMode: fairnessMode,
            solve: SolveSummary(status: solution.status, objective: r(objective), bound: bound, gap: gap,
                                solver: solution.solver, seconds: solution.seconds, items: model.itemCount,
                                arcs: model.arcCount, sideRows: model.sideRows.count, components: components),
            accounts: accounts.count, assigned: books.count, pooled: pool.count, moves: movesIn.reduce(0, +),
            poolByReason: poolByReason, changesByReason: changesByReason, pooledCustomers: pooledCustomers,
            violatedRows: outcome.violatedRows.map { model.sideRows[$0].name },
            reps: repSummaries, groups: groupSummaries, cells: cells)
    }

    /// `Σ v·x − Σ penalty·max(0, lower − activity)` over soft rows, in model order.
    func recomputedObjective(solution: AssignmentSolution, outcome: Outcome) -> Double {
        var total = 0.0
        for arc in solution.chosenArc { if let arc { total += model.arcValue[arc] } }
        for (s, row) in model.sideRows.enumerated() {
            guard let penalty = row.deviationPenalty, let lower = row.lower else { continue }
            total -= penalty * max(0, lower - outcome.rowActivity[s])
        }
        return total
    }

    /// The solver's component reports, each labelled with the fairness groups of its reps.
    func componentSummaries(_ solution: AssignmentSolution) -> [ComponentSummary] {
        return solution.components.map { report in
            let names = Set(report.binIndices.map { groups[groupOfBin[$0]].name }).sorted()
            let gap = report.bound.map { max(0, $0 - report.objective) / max(1e-9, abs($0)) }
            return ComponentSummary(
                index: report.index, groups: names, items: report.items, bins: report.bins, arcs: report.arcs,
                sideRows: report.sideRows, solver: report.solver, status: report.status,
                objective: PlanNumber.rounded(report.objective), bound: report.bound.map(PlanNumber.rounded),
                gap: gap.map(PlanNumber.rounded), seconds: report.seconds, note: report.note)
        }
    }

    /// Per segment × theater: a cell per fairness group, the pool attributed to the one group
    /// covering the account (or a cell of its own when none or several do).
    func cellSummaries(outcome: Outcome, pool: [PoolEntry], groupSummaries: [GroupSummary], movesIn: [Int],
                       count: [Int], components: [ComponentSummary]) -> [CellSummary] {
        var cells: [String: CellSummary] = [:]
        for (g, group) in groups.enumerated() {
            let summary = groupSummaries[g]
            let mine = components.filter { $0.groups.contains(group.name) }
            cells[group.name] = CellSummary(
                name: group.name, reps: group.bins.count, capacity: summary.capacity, filled: summary.load,
                accounts: group.bins.reduce(0) { $0 + count[$1] }, pooled: [:],
                moves: group.bins.reduce(0) { $0 + movesIn[$1] }, minRatio: summary.minRatio,
                maxRatio: summary.maxRatio, gini: summary.gini,
                solvers: Set(mine.map(\.solver)).sorted(), gap: mine.compactMap(\.gap).max())
        }
        var index: [AccountID: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (a, scored) in accounts.enumerated() { index[scored.id] = a }
        var coverCache: [String: String] = [:]
        for entry in pool {
            guard let a = index[entry.accountID] else { continue }
            let scored = accounts[a]
            let name: String
            if let theater = scored.theater, !theater.isEmpty {
                let key = scored.segment.lowercased() + "\u{1}" + theater.lowercased()
                if let hit = coverCache[key] {
                    name = hit
                } else {
                    let covering = groups.filter { group in
                        group.segment.lowercased() == scored.segment.lowercased()
                            && (group.theaters.isEmpty || group.theaters.contains { $0.lowercased() == theater.lowercased() })
                    }
                    name = covering.count == 1 ? covering[0].name : FairnessGroup.name(segment: scored.segment, theaters: [theater])
                    coverCache[key] = name
                }
            } else {
                name = scored.segment + "/unmapped"
            }
            if cells[name] == nil {
                cells[name] = CellSummary(name: name, reps: 0, capacity: 0, filled: 0, accounts: 0, pooled: [:], moves: 0,
                                          minRatio: nil, maxRatio: nil, gini: nil, solvers: [], gap: nil)
            }
            cells[name]?.pooled[entry.reason.rawValue, default: 0] += 1
        }
        return cells.values.sorted { $0.name < $1.name }
    }
}
