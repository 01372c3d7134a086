import AssignmentEngine

/// Reading a solution back as a ``Plan``.
extension PlanningModel {
    /// What the solution decided, per item and per bin, after checking it against the model.
    struct Outcome {
        /// Per item: its bin, or −1.
        var binOfItem: [Int]
        /// Per account: its rep's bin after the plan, or −1.
        var binOfAccount: [Int32]
        /// Per bin: workload of the book.
        var load: [Double]
        /// Per side row: `Σ coef·x`.
        var rowActivity: [Double]
        /// Side rows the solver reported as not satisfied (heuristics only).
        var violatedRows: [Int]
    }

    /// Turns a solver's answer into a plan.
    /// - Throws: ``PlanError/invalidSolution(solver:detail:)`` when the answer breaks the model
    ///   (an arc outside its item, a fixed arc dropped, a must-assign item left out, a capacity or
    ///   a hard row exceeded without the solver saying so).
    public func plan(from solution: AssignmentSolution) throws -> Plan {
        let outcome = try check(solution)
        var pool = poolEntries(outcome)
        var cursor = 0
        for i in pool.indices {   // both sorted by id
            while cursor < accounts.count, accounts[cursor].id < pool[i].accountID { cursor += 1 }
            if cursor < accounts.count, accounts[cursor].id == pool[i].accountID { pool[i].tier = accounts[cursor].tier }
        }
        var books: [BookEntry] = []
        books.reserveCapacity(accounts.count - pool.count)
        var changes: [Change] = []
        for (a, scored) in accounts.enumerated() {
            let bin = Int(outcome.binOfAccount[a])
            if bin >= 0 {
                var entry = BookEntry(accountID: scored.id, repID: reps[bin].id, value: value(ofAccount: a, bin: bin),
                                      score: scored.score, tier: scored.tier)
                entry.withFamily = riders[a]
                books.append(entry)
            }
            if let change = change(account: a, bin: bin) { changes.append(change) }
        }
        let summary = summarize(solution: solution, outcome: outcome, books: books, pool: pool, changes: changes)
        return Plan(mode: mode, asOf: asOf, books: books, pool: pool, changes: changes, summary: summary)
    }

    /// The change row of account `a` now with bin `bin` (−1 = pool), or `nil` when it was and
    /// stays unowned.
    func change(account a: Int, bin: Int) -> Change? {
        let from = accounts[a].account.owner
        let to = bin >= 0 ? reps[bin].id : nil
        let reason: ChangeReason
        switch (from, to) {
        case (nil, nil): return nil
        case (nil, _): reason = .assigned
        case (_, nil): reason = .unassigned
        case let (old?, new?):
            if old == new { reason = .kept } else { reason = ownerBin[a] >= 0 ? .moved : .reassigned }
        }
        return Change(accountID: accounts[a].id, fromRep: from, toRep: to, reason: reason)
    }

    /// Checks the solution against the model and tabulates it.
    func check(_ solution: AssignmentSolution) throws -> Outcome {
        func fail(_ detail: String) -> PlanError { .invalidSolution(solver: solution.solver, detail: detail) }
        guard solution.chosenArc.count == model.itemCount else {
            throw fail("\(solution.chosenArc.count) item choices for \(model.itemCount) items")
        }
        var binOfItem = Array(repeating: -1, count: model.itemCount)
        var binOfAccount = Array(repeating: Int32(-1), count: accounts.count)
        var load = Array(repeating: 0.0, count: model.binCount)
        var chosen = Array(repeating: false, count: model.arcCount)
        for (i, arc) in solution.chosenArc.enumerated() {
            guard let arc else {
                if model.mustAssign[i] { throw fail("\(model.itemName(i)) must be assigned but is not") }
                continue
            }
            guard model.arcs(ofItem: i).contains(arc) else { throw fail("arc \(arc) does not belong to \(model.itemName(i))") }
            chosen[arc] = true
            let bin = Int(model.arcBin[arc])
            binOfItem[i] = bin
            load[bin] += model.arcWeight[arc]
            for a in items[i].accounts { binOfAccount[a] = Int32(bin) }
        }
        for arc in model.fixedArcs where !chosen[arc] {
            throw fail("the kept arc \(arc) (rep \(model.binName(Int(model.arcBin[arc])))) was dropped")
        }
        for bin in 0 ..< model.binCount where load[bin] > model.capacities[bin] + 1e-6 * max(1, model.capacities[bin]) {
            throw fail("rep \(model.binName(bin)) is loaded \(PlanNumber.text(load[bin])) over capacity "
                       + PlanNumber.text(model.capacities[bin]))
        }
        let reported = Set(solution.violatedRows)
        let aggregateValue = model.aggregates.map { aggregate in
            zip(aggregate.arcs, aggregate.coefficients).reduce(0.0) { $0 + (chosen[$1.0] ? $1.1 : 0) }
        }
        var activity = Array(repeating: 0.0, count: model.sideRows.count)
        var violated: [Int] = []
        for (s, row) in model.sideRows.enumerated() {
            var total = 0.0, scale = 1.0
            for (k, arc) in row.arcs.enumerated() {
                scale += abs(row.coefficients[k])
                if chosen[arc] { total += row.coefficients[k] }
            }
            for (t, g) in row.aggregates.enumerated() {
                total += row.aggregateCoefficients[t] * aggregateValue[g]
                scale += abs(row.aggregateCoefficients[t] * aggregateValue[g])
            }
            activity[s] = total
            let tolerance = 1e-6 * scale
            let breaksUpper = row.upper.map { total > $0 + tolerance } ?? false
            let breaksLower = row.deviationPenalty == nil && (row.lower.map { total < $0 - tolerance } ?? false)
            if breaksUpper || breaksLower {
                guard reported.contains(s) else { throw fail("\(row.name) is not satisfied") }
                violated.append(s)
            }
        }
        return Outcome(binOfItem: binOfItem, binOfAccount: binOfAccount, load: load, rowActivity: activity,
                       violatedRows: violated)
    }

    /// Accounts left out before solving, and those of items the solution left unassigned, with
    /// the binding reason: no eligible rep with room, the move limit of every rep with room, the
    /// hard fairness band, or else a heuristic's choice.
    func poolEntries(_ outcome: Outcome) -> [PoolEntry] {
        var entries = prePooled
        let moveLimited = Dictionary(uniqueKeysWithValues: rowMeanings.enumerated().compactMap { s, meaning in
            meaning.kind == .moveLimit ? (reps.firstIndex { $0.id == meaning.rep } ?? -1, s) : nil
        })
        let hardFairness = rowMeanings.contains { $0.kind == .fairnessCeiling }
        for (i, item) in items.enumerated() where outcome.binOfItem[i] < 0 {
            var roomy: [Int] = []
            for arc in model.arcs(ofItem: i) {
                let bin = Int(model.arcBin[arc])
                if outcome.load[bin] + model.arcWeight[arc] <= model.capacities[bin] + 1e-9 { roomy.append(bin) }
            }
            let reason: PoolReason
            if roomy.isEmpty {
                reason = .noCapacity
            } else if roomy.allSatisfy({ bin in
                guard let s = moveLimited[bin], let upper = model.sideRows[s].upper else { return false }
                let moves = item.accounts.filter { ownerBin[$0] >= 0 && ownerBin[$0] != Int32(bin) }.count
                return moves > 0 && outcome.rowActivity[s] + Double(moves) > upper + 1e-9
            }) {
                reason = .moveLimit
            } else if hardFairness {
                reason = .fairnessBand
            } else {
                reason = .notSelected
            }
            for a in item.accounts { entries.append(PoolEntry(accountID: accounts[a].id, reason: riders[a] ?? reason)) }
        }
        entries.sort { $0.accountID < $1.accountID }
        return entries
    }
}
