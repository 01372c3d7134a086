import Foundation

/// Which method solves the model.
public enum SolverChoice: String, Sendable, Codable, CaseIterable, Equatable {
    /// Per component: the flow fast path where it applies; otherwise the Lagrangian relaxation
    /// (an answer with a bound), then GLPK warm-started by that answer on components small enough
    /// for it when the answer is not within the gap; the best answer found when GLPK fails or
    /// exhausts its budget.
    case auto
    /// GLPK branch and cut on every component, warm-started by greedy.
    case glpk
    /// The greedy heuristic with local search only.
    case greedy
    /// The exact min-cost-flow fast path only (fails on components it does not apply to).
    case flow
    /// Lagrangian relaxation of the side rows over flow subproblems, repaired by local search.
    case lagrange
    /// Ejection chains with adaptive penalties and path relinking (``EjectionChainSolver``), for
    /// components without side rows (generalized assignment).
    case ejection
}

/// The front door of the assignment engine: validate, split into independent components, solve
/// them in parallel with the chosen method, and stitch the answers back together.
public enum Engine {
    /// Solves `model`.
    ///
    /// Components are solved on up to `options.parallelism` threads; each component's answer
    /// depends only on the component and `options.budget`, so the result does not depend on the
    /// thread count or the machine's speed (except where the time limit, a safety cap, cuts a
    /// search short: that component's status is then ``TerminationStatus/timeLimit``).
    /// - Returns: the stitched solution; ``AssignmentSolution/components`` says which solver
    ///   answered each component and why a fallback was used.
    /// - Throws: ``AssignmentError/invalidModel(_:)`` before solving; ``AssignmentError/infeasible(reasons:)``
    ///   naming the items and rows at fault; other errors only when no method produced an answer.
    public static func solve(_ model: AssignmentModel, using choice: SolverChoice = .auto,
                             options: SolveOptions = SolveOptions()) throws -> AssignmentSolution {
        let clock = ContinuousClock.now
        try model.validate()
        let orphans = (0 ..< model.itemCount).filter { model.mustAssign[$0] && model.arcs(ofItem: $0).isEmpty }
        if !orphans.isEmpty {
            throw AssignmentError.infeasible(reasons: orphans.prefix(10).map { "\(model.itemName($0)) must be assigned but has no eligible bin" }
                + (orphans.count > 10 ? ["and \(orphans.count - 10) more must-assign items without an eligible bin"] : []))
        }
        let constant = model.constantRowConflicts()
        if !constant.isEmpty { throw AssignmentError.infeasible(reasons: constant) }
        let deadline = options.deadline(from: clock)
        let components = model.components()
        // Largest components start first, so one big component does not start last.
        let schedule = components.indices.sorted { (-components[$0].model.arcCount, $0) < (-components[$1].model.arcCount, $1) }
        let outcomes = parallelMap(Array(components.indices), width: options.parallelism, schedule: schedule) { index -> Result<AssignmentSolution, Error> in
            let component = components[index]
            options.progress?.report(.started(component: index, of: components.count, items: component.items.count))
            let outcome = Result { try solveComponent(component.model, using: choice, options: options, deadline: deadline) }
            if case .success(let s) = outcome {
                options.progress?.report(.finished(component: index, of: components.count, solver: s.solver, status: s.status, gap: s.gap))
            }
            return outcome
        }
        var chosen = [Int?](repeating: nil, count: model.itemCount)
        var reports: [ComponentReport] = []
        var failures: [String] = []
        var infeasibleReasons: [String] = []
        for (index, (component, outcome)) in zip(components, outcomes).enumerated() {
            switch outcome {
            case .success(let solution):
                for (local, item) in component.items.enumerated() {
                    chosen[item] = solution.chosenArc[local].map { component.arcMap[$0] }
                }
                var report = solution.components.first ?? ComponentReport(
                    index: index, items: 0, bins: 0, arcs: 0, sideRows: 0, solver: solution.solver,
                    status: solution.status, objective: solution.objective, bound: solution.bound, seconds: solution.seconds)
                report.index = index
                report.items = component.items.count; report.bins = component.bins.count
                report.arcs = component.model.arcCount; report.sideRows = component.rows.count
                report.binIndices = component.bins
                report.certifiedBound = solution.certificate?.bound
                reports.append(report)
            case .failure(AssignmentError.infeasible(let reasons)):
                infeasibleReasons += reasons
            case .failure(let error):
                failures.append("component \(index) (\(component.items.count) items, \(component.bins.count) bins): \(error)")
            }
        }
        if !infeasibleReasons.isEmpty { throw AssignmentError.infeasible(reasons: infeasibleReasons) }
        if let first = failures.first { throw AssignmentError.solverFailure(solver: choice.rawValue, message: first) }
        let evaluation = model.evaluate(chosen)
        let bounds = reports.map(\.bound)
        let bound: Double? = bounds.contains(where: { $0 == nil }) ? nil : bounds.reduce(0) { $0 + ($1 ?? 0) }
        let fixedOnlyValue = evaluation.objective - reports.reduce(0) { $0 + $1.objective }
        let status = reports.map(\.status).min(by: { $0.rank < $1.rank }) ?? .optimal
        let names = reports.map(\.solver).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var certificate: DualCertificate?
        if options.certify {
            var whole = DualCertificate(rowMultiplier: Array(repeating: 0, count: model.sideRows.count),
                                        aggregateMultiplier: Array(repeating: 0, count: model.aggregates.count),
                                        binPrice: Array(repeating: 0, count: model.binCount),
                                        itemPrice: Array(repeating: 0, count: model.itemCount), bound: fixedOnlyValue)
            for (component, outcome) in zip(components, outcomes) {
                guard case .success(let solution) = outcome, let part = solution.certificate else { continue }
                for (l, s) in component.rows.enumerated() { whole.rowMultiplier[s] = part.rowMultiplier[l] }
                for (l, g) in component.aggregates.enumerated() { whole.aggregateMultiplier[g] = part.aggregateMultiplier[l] }
                for (l, b) in component.bins.enumerated() { whole.binPrice[b] = part.binPrice[l] }
                for (l, i) in component.items.enumerated() { whole.itemPrice[i] = part.itemPrice[l] }
                whole.bound += part.bound
            }
            certificate = whole
        }
        return AssignmentSolution(
            chosenArc: chosen, status: status, objective: evaluation.objective,
            bound: bound.map { $0 + fixedOnlyValue }, deviations: evaluation.deviations,
            violatedRows: evaluation.violatedRows, solver: names.isEmpty ? choice.rawValue : names.joined(separator: "+"),
            seconds: clock.secondsElapsed, components: reports, certificate: certificate)
    }

    /// The LP prices of a transportation component's optimal flow (no side rows).
    static func flowCertificate(_ model: AssignmentModel, answer: AssignmentSolution) -> DualCertificate? {
        guard model.sideRows.isEmpty, LagrangianSolver.isTransportation(model),
              let units = UnitAnswer(transportation: model, chosen: answer.chosenArc) else { return nil }
        return ProvingRelaxation(multiplier: [], constant: 0, answer: units, capacityPrice: nil)
            .certificate(model, terms: RowTerms(model))
    }

    /// Solves one component with the chosen method and its fallbacks.
    static func solveComponent(_ model: AssignmentModel, using choice: SolverChoice, options: SolveOptions,
                               deadline: ContinuousClock.Instant) throws -> AssignmentSolution {
        let start = ContinuousClock.now
        var local = options
        local.timeLimit = max(0.05, start.seconds(until: deadline))
        local.parallelism = 1
        var certificate: DualCertificate?
        func report(_ s: AssignmentSolution, note: String? = nil) -> AssignmentSolution {
            var s = s
            if options.certify {
                s.certificate = s.certificate ?? certificate ?? Self.flowCertificate(model, answer: s) ?? .trivial(model)
            }
            let capped = s.status == .timeLimit ? "the time limit (a safety cap) cut the search short" : nil
            s.components = [ComponentReport(index: 0, items: model.itemCount, bins: model.binCount, arcs: model.arcCount,
                                            sideRows: model.sideRows.count, solver: s.solver, status: s.status,
                                            objective: s.objective, bound: s.bound, seconds: start.secondsElapsed,
                                            note: [note, capped].compactMap { $0 }.joined(separator: "; ").nilIfEmpty)]
            return s
        }
        switch choice {
        case .flow:
            return report(try FlowSolver().solve(model, options: local))
        case .greedy:
            return report(try GreedySolver().solve(model, options: local))
        case .lagrange:
            return report(try LagrangianSolver().solve(model, options: local))
        case .ejection:
            return report(try EjectionChainSolver().solve(model, options: local))
        case .glpk, .auto:
            if choice == .auto && FlowSolver.applies(to: model) {
                return report(try FlowSolver().solve(model, options: local))
            }
            // A first answer with a bound from the Lagrangian relaxation (greedy for glpk alone).
            // Large components keep it; small ones go on to GLPK for a proof.
            var first: Result<AssignmentSolution, Error>
            if choice == .auto {
                first = Result { try LagrangianSolver().solve(model, options: local) }
                certificate = try? first.get().certificate
                if let answer = try? first.get(),
                   (answer.violatedRows.isEmpty && (answer.gap ?? 1) <= options.relativeGap)
                    || model.arcCount > options.budget.glpkArcLimit || answer.status == .timeLimit {
                    return report(answer, note: answer.violatedRows.isEmpty ? nil
                                  : "no assignment satisfying every hard side row found; \(answer.violatedRows.count) left broken")
                }
                first = searchGAP(model, improving: first, options: local, start: start)
                if case .success(let answer) = first, [.optimal, .withinGap].contains(answer.status) { return report(answer) }
            } else {
                first = Result { try GreedySolver().solve(model, options: local) }
            }
            let warm = (try? first.get()).flatMap { $0.violatedRows.isEmpty ? $0.chosenArc : nil }
            local.timeLimit = max(0.05, start.seconds(until: deadline))
            do {
                let exact = try GLPKSolver().solve(model, options: local, warmStart: warm)
                if let heuristic = try? first.get(), heuristic.violatedRows.isEmpty, heuristic.objective > exact.objective + 1e-9 {
                    var kept = heuristic
                    kept.bound = exact.bound.map { max($0, heuristic.objective) } ?? heuristic.bound
                    return report(kept, note: "glpk stopped at \(exact.objective)")
                }
                return report(exact)
            } catch let error as AssignmentError {
                if case .infeasible = error { throw error }
                guard choice == .auto, let fallback = try? first.get() else { throw error }
                return report(fallback, note: "glpk: \(error)")
            }
        }
    }

}

extension TerminationStatus {
    /// Quality order: heuristic < time limit < work limit < within gap < optimal.
    package var rank: Int {
        switch self {
        case .heuristic: 0
        case .timeLimit: 1
        case .workLimit: 2
        case .withinGap: 3
        case .optimal: 4
        }
    }
}

extension String {
    /// `nil` for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Applies `transform` to every element on up to `width` threads, starting elements in the order
/// `schedule` gives (largest first, say); results keep the input order.
func parallelMap<T: Sendable, R: Sendable>(_ input: [T], width: Int, schedule: [Int]? = nil,
                                           _ transform: @Sendable (T) -> R) -> [R] {
    guard input.count > 1, width > 1 else { return input.map(transform) }
    let slots = ParallelSlots<R>(input.count)
    let order = schedule ?? Array(input.indices)
    DispatchQueue.concurrentPerform(iterations: min(width, input.count)) { _ in
        while true {
            let n = slots.take()
            guard n < order.count else { return }
            slots.put(order[n], transform(input[order[n]]))
        }
    }
    return slots.results.map { $0! }
}

/// Result slots and a work counter shared by the threads of ``parallelMap(_:width:schedule:_:)``.
private final class ParallelSlots<R>: @unchecked Sendable {
    var results: [R?]
    private var next = 0
    private let lock = NSLock()
    init(_ n: Int) { results = Array(repeating: nil, count: n) }
    func take() -> Int { lock.lock(); defer { lock.unlock() }; next += 1; return next - 1 }
    func put(_ i: Int, _ r: R) { lock.lock(); results[i] = r; lock.unlock() }
}
