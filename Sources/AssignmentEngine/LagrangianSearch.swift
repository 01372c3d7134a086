import Foundation

/// One run of ``LagrangianSolver`` on one model: the multipliers, the best bound and its
/// relaxation, the candidates and the best answer, advanced phase by phase — subgradient
/// iterations (``iterate(upTo:)``), the last repairs (``repairFinalists()``), the proof
/// (``closeGap()``) — and read as a solution (``solution(solver:)``).
struct LagrangianSearch {
    let model: AssignmentModel
    let options: SolveOptions
    let started: ContinuousClock.Instant
    /// A safety cap only: the iterations, repairs and proof stop on their budgets.
    let deadline: ContinuousClock.Instant
    let repairBudget: Int
    let transportation: Bool
    let units: UnitSplit?
    let terms: RowTerms
    /// Per side row: its largest coefficient, so that steps move rows in score units and rows
    /// in counts at comparable rates.
    let scale: [Double]
    /// The multiplier of a hard row is at most this.
    let hardCap: Double
    /// Capacity multipliers, used when weights differ: then every item simply takes its best
    /// reduced arc, and the bound is the LP bound of the capacity-relaxed problem.
    var pi: [Double]
    /// Multipliers on the side rows' lower (λ) and upper (μ) bounds.
    var lambda: [Double]
    var mu: [Double]
    var bestBound = Double.infinity
    /// The relaxation that gave the best bound, for the proof and the certificate.
    var proving: ProvingRelaxation?
    var best: (chosen: [Int?], objective: Double)?
    /// Without a feasible answer, the one whose hard side rows are broken least (capacities and
    /// fixed arcs always hold) is returned with those rows reported, as greedy does.
    var fallback: (chosen: [Int?], violation: Double, objective: Double)?
    /// Relaxed answers, scored by their objective less their hard violations at the cap.
    var candidates: [(chosen: [Int?], score: Double)] = []
    /// Candidates repaired so far; each is repaired at most once.
    var repaired = Set<[Int?]>()
    var theta = 1.0
    var sinceProgress = 0
    var stoppedByTime = false
    var proven = false
    /// One search holding the fixed arcs and the row terms, copied for every construction.
    let empty: LocalSearch

    /// Prepares the run and takes the greedy construction as the first candidate and the first
    /// target of the steps.
    init(_ model: AssignmentModel, options: SolveOptions, repairBudget: Int, started: ContinuousClock.Instant) throws {
        self.model = model
        self.options = options
        self.started = started
        self.deadline = options.deadline(from: started)
        self.repairBudget = repairBudget
        transportation = LagrangianSolver.isTransportation(model)
        units = transportation ? nil : UnitSplit(model)
        terms = RowTerms(model)
        scale = terms.rowScales(model)
        pi = Array(repeating: 0, count: model.binCount)
        let largest = model.arcValue.lazy.map(abs).max() ?? 1
        hardCap = 1e3 * max(1, largest)
        lambda = Array(repeating: 0, count: model.sideRows.count)
        mu = lambda
        empty = try LocalSearch(model, terms: terms)
        var greedy = empty
        if (try? GreedySolver().construct(&greedy, budget: repairBudget, deadline: deadline)) != nil {
            let chosen = greedy.chosenArcs()
            consider(chosen, model.evaluate(chosen))
        }
    }

    /// Keeps `chosen` as the best answer, or as the fallback while no answer is feasible.
    mutating func consider(_ chosen: [Int?], _ e: AssignmentEvaluation) {
        if e.isFeasible {
            if best.map({ e.objective > $0.objective }) ?? true { best = (chosen, e.objective) }
        } else if e.violations.count == e.violatedRows.count {
            let v = LagrangianSolver.violation(e, rows: model.sideRows)
            if fallback.map({ v < $0.violation - 1e-9 || (v <= $0.violation + 1e-9 && e.objective > $0.objective) }) ?? true {
                fallback = (chosen, v, e.objective)
            }
        }
    }

    /// A relaxed answer repaired by local search; each candidate at most once.
    mutating func repair(_ chosen: [Int?]) throws {
        guard repaired.insert(chosen).inserted else { return }
        var search = empty
        search.start(from: chosen)
        search.improve(budget: repairBudget, deadline: deadline)
        let result = search.chosenArcs()
        consider(result, model.evaluate(result))
    }

    /// The relaxation under the current multipliers: its answer, its objective plus the
    /// multipliers' constant (a bound), and its unit answer when the flow solved it; `nil` when a
    /// relaxation after the first ran past the safety cap.
    func relax(iteration: Int, multiplier: [Double]) throws -> (chosen: [Int?], bound: Double, constant: Double, units: UnitAnswer?)? {
        let adjusted = terms.adjustedValues(model, multiplier: multiplier)
        let relaxed: (chosenArc: [Int?], objective: Double)
        var unitAnswer: UnitAnswer?
        var constant = 0.0
        // After the first relaxation, one that runs past the safety cap is given up.
        let flowDeadline = iteration == 0 ? nil : deadline
        if let units {
            guard let flow = try LagrangianSolver.flow(units.model(values: adjusted), deadline: flowDeadline) else { return nil }
            relaxed = (units.original(flow.chosenArc), flow.objective)
            unitAnswer = units.answer(flow.chosenArc)
        } else if transportation {
            let relaxedModel = AssignmentModel(
                itemCount: model.itemCount, capacities: model.capacities, mustAssign: model.mustAssign,
                arcStart: model.arcStart, arcBin: model.arcBin, arcValue: adjusted, arcWeight: model.arcWeight,
                fixedArcs: model.fixedArcs)
            guard let flow = try LagrangianSolver.flow(relaxedModel, deadline: flowDeadline) else { return nil }
            relaxed = (flow.chosenArc, flow.objective)
            unitAnswer = UnitAnswer(transportation: model, chosen: flow.chosenArc)
        } else {
            relaxed = LagrangianSolver.bestArcs(model, adjusted: adjusted, capacityPrice: pi)
            for b in 0 ..< model.binCount { constant += pi[b] * model.capacities[b] }
        }
        for (s, row) in model.sideRows.enumerated() {
            if let lo = row.lower { constant -= lambda[s] * lo }
            if let hi = row.upper { constant += mu[s] * hi }
        }
        return (relaxed.chosenArc, relaxed.objective + constant, constant, unitAnswer)
    }

    /// Subgradient iterations, at most `iterations`: each relaxed answer becomes a candidate, the
    /// best bound is kept with its relaxation, and the most promising candidate is repaired now
    /// and then. Stops when the best answer is within the gap of the best bound, when the
    /// subgradient vanishes, or at the safety cap.
    mutating func iterate(upTo iterations: Int) throws {
        let rows = model.sideRows
        for iteration in 0 ..< max(1, iterations) {
            if iteration > 0 && ContinuousClock.now >= deadline { stoppedByTime = true; break }
            let multiplier = (0 ..< rows.count).map { lambda[$0] - mu[$0] }
            guard let relaxed = try relax(iteration: iteration, multiplier: multiplier) else { stoppedByTime = true; break }
            let bound = relaxed.bound
            if !bestBound.isFinite || bound < bestBound - 1e-9 * max(1, abs(bestBound)) {
                bestBound = bound
                sinceProgress = 0
                proving = ProvingRelaxation(multiplier: multiplier, constant: relaxed.constant, answer: relaxed.units,
                                            capacityPrice: relaxed.units == nil ? pi : nil)
            } else {
                sinceProgress += 1
            }
            // The relaxed answer as a candidate: hard violations priced as in the local search.
            let evaluation = model.evaluate(relaxed.chosen)
            consider(relaxed.chosen, evaluation)
            let violation = LagrangianSolver.violation(evaluation, rows: rows)
            candidates.append((relaxed.chosen, evaluation.objective - hardCap * violation))
            // Repairing the most promising relaxed answer now and then (a repair costs about one
            // relaxation) lifts the incumbent early, so the gap test can stop the iterations; and
            // at once while no answer satisfies the hard rows, since the step aims at the
            // incumbent (without one, at 5 % below the bound, which overshoots).
            if iteration % 8 == 4 || best == nil, let top = candidates.max(by: { $0.score < $1.score }) { try repair(top.chosen) }
            guard step(evaluation, bound: bound) else { break }
        }
    }

    /// Projected subgradient step: λ follows lower − activity, μ follows activity − upper, π
    /// follows the capacities' overload.
    /// - Returns: false when the iterations should stop (no subgradient, or within the gap).
    mutating func step(_ evaluation: AssignmentEvaluation, bound: Double) -> Bool {
        let rows = model.sideRows
        var gLower = [Double](repeating: 0, count: rows.count), gUpper = gLower, norm = 0.0
        var gCapacity = [Double](repeating: 0, count: transportation || units != nil ? 0 : model.binCount)
        for b in gCapacity.indices {
            let over = evaluation.loads[b] - model.capacities[b]
            if over > 0 || pi[b] > 0 { gCapacity[b] = over; norm += over * over }
        }
        for (s, row) in rows.enumerated() {
            let a = evaluation.rowActivity[s]
            if let lo = row.lower, lo - a > 0 || lambda[s] > 0 { gLower[s] = lo - a }
            if let hi = row.upper, a - hi > 0 || mu[s] > 0 { gUpper[s] = a - hi }
            norm += (gLower[s] * gLower[s] + gUpper[s] * gUpper[s]) / (scale[s] * scale[s])
        }
        let target = best?.objective ?? (bound - 0.05 * abs(bound))
        if norm < 1e-12 || bestBound - target <= options.relativeGap * max(1, abs(bestBound)) { return false }
        if sinceProgress >= 3 { theta /= 2; sinceProgress = 0 }
        let step = theta * max(bound - target, 1e-6 * max(1, abs(bound))) / norm
        for (s, row) in rows.enumerated() {
            let rate = step / (scale[s] * scale[s])
            if row.lower != nil { lambda[s] = min(row.deviationPenalty ?? hardCap, max(0, lambda[s] + rate * gLower[s])) }
            if row.upper != nil { mu[s] = min(hardCap, max(0, mu[s] + rate * gUpper[s])) }
        }
        for b in gCapacity.indices { pi[b] = max(0, pi[b] + step * gCapacity[b]) }
        return true
    }

    /// Repairs the three most promising relaxed answers not repaired yet.
    mutating func repairFinalists() throws {
        candidates.sort { $0.score > $1.score }
        var finalRepairs = 0
        for candidate in candidates where !repaired.contains(candidate.chosen) {
            if finalRepairs == 3 { break }
            if ContinuousClock.now >= deadline { stoppedByTime = true; break }
            try repair(candidate.chosen)
            finalRepairs += 1
        }
    }

    /// Arcs that no better assignment uses are fixed by their reduced costs and GLPK solves the
    /// rest to optimality, within its node budget. An answer already within the gap is only
    /// taken further when every side row stays in one bin (move limits, not fairness): a row
    /// across bins keeps its bins in one piece of the restriction, with rows over aggregates that
    /// GLPK proves slowly (100k accounts, soft fairness: 3 s became 33 s for 0.0005 %).
    mutating func closeGap() {
        guard let incumbent = best else { return }
        let gap = bestBound - incumbent.objective
        let withinGap = gap <= options.relativeGap * max(1, abs(bestBound))
        if gap <= LagrangianSolver.optimalityTolerance * max(1, abs(bestBound)) {
            proven = true
        } else if let proving, model.arcCount <= options.budget.proofArcLimit, ContinuousClock.now < deadline,
                  !withinGap || LagrangianSolver.rowsStayInOneBin(model),
                  let closed = LagrangianSolver.closeGap(model, relaxation: proving, terms: terms, incumbent: incumbent.chosen,
                                                         objective: incumbent.objective, budget: options.budget, deadline: deadline) {
            best = (closed.chosen, closed.objective)
            proven = closed.proven
            if closed.timedOut { stoppedByTime = true }
        }
    }

    /// The best answer (or the least broken one) with its bound, status and certificate.
    func solution(solver name: String) throws -> AssignmentSolution {
        guard let answer = best ?? fallback.map({ ($0.chosen, $0.objective) }) else {
            throw AssignmentError.noSolutionInTime(solver: name, seconds: started.secondsElapsed)
        }
        let e = model.evaluate(answer.chosen)
        let bound = proven ? answer.objective : e.isFeasible ? max(answer.objective, bestBound) : bestBound
        let gap = (bound - answer.objective) / max(1e-9, abs(bound))
        let status: TerminationStatus = proven ? .optimal
            : e.isFeasible && gap <= options.relativeGap ? .withinGap
            : stoppedByTime ? .timeLimit : e.isFeasible ? .workLimit : .heuristic
        var solution = AssignmentSolution(chosenArc: answer.chosen, status: status, objective: answer.objective, bound: bound,
                                          deviations: e.deviations, violatedRows: e.violatedRows, solver: name,
                                          seconds: started.secondsElapsed)
        if options.certify { solution.certificate = proving?.certificate(model, terms: terms) }
        // The cap can also cut short an answer that ends within the gap (fewer repairs, no
        // proof): the status does not say so, the note does.
        if stoppedByTime && status != .timeLimit {
            solution.note = "the time limit (a safety cap) cut the search short; the answer is \(status.rawValue)"
        }
        return solution
    }
}
