import Foundation

/// Which method solves the model.
public enum SolverChoice: String, Sendable, Codable, CaseIterable, Equatable {
    /// Per component: the flow fast path where it applies, GLPK (warm-started by greedy) where it
    /// does not, greedy when GLPK fails or runs out of time without an answer.
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
    /// depends only on the component, so the result does not depend on the thread count (except
    /// where a time limit cuts a search short).
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
        let deadline = clock.advanced(by: .milliseconds(Int64(options.timeLimit * 1000)))
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
        return AssignmentSolution(
            chosenArc: chosen, status: status, objective: evaluation.objective,
            bound: bound.map { $0 + fixedOnlyValue }, deviations: evaluation.deviations,
            violatedRows: evaluation.violatedRows, solver: names.isEmpty ? choice.rawValue : names.joined(separator: "+"),
            seconds: clock.secondsElapsed, components: reports)
    }

    /// Solves one component with the chosen method and its fallbacks.
    static func solveComponent(_ model: AssignmentModel, using choice: SolverChoice, options: SolveOptions,
                               deadline: ContinuousClock.Instant) throws -> AssignmentSolution {
        let start = ContinuousClock.now
        var local = options
        local.timeLimit = max(0.05, Double((deadline - start).components.seconds) + Double((deadline - start).components.attoseconds) * 1e-18)
        local.parallelism = 1
        func report(_ s: AssignmentSolution, note: String? = nil) -> AssignmentSolution {
            var s = s
            s.components = [ComponentReport(index: 0, items: model.itemCount, bins: model.binCount, arcs: model.arcCount,
                                            sideRows: model.sideRows.count, solver: s.solver, status: s.status,
                                            objective: s.objective, bound: s.bound, seconds: start.secondsElapsed, note: note)]
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
                var budget = local
                budget.timeLimit = local.timeLimit * (model.arcCount <= glpkArcLimit ? 0.3 : 1)
                first = Result { try LagrangianSolver().solve(model, options: budget) }
                if let answer = try? first.get(),
                   (answer.violatedRows.isEmpty && (answer.gap ?? 1) <= options.relativeGap) || model.arcCount > glpkArcLimit {
                    return report(answer, note: answer.violatedRows.isEmpty ? nil
                                  : "no assignment satisfying every hard side row found; \(answer.violatedRows.count) left broken")
                }
                first = searchGAP(model, improving: first, options: local, start: start)
                if case .success(let answer) = first, [.optimal, .withinGap].contains(answer.status) { return report(answer) }
            } else {
                first = Result { try GreedySolver().solve(model, options: local) }
            }
            let warm = (try? first.get()).flatMap { $0.violatedRows.isEmpty ? $0.chosenArc : nil }
            local.timeLimit = max(0.05, local.timeLimit - start.secondsElapsed)
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

    /// Components with more arcs than this are not handed to GLPK by `auto` when a heuristic
    /// with a bound is available: GLPK's LP alone takes minutes beyond a few tens of thousands
    /// of arcs on this problem.
    static let glpkArcLimit = 20_000
}

extension TerminationStatus {
    /// Quality order: heuristic < time limit < within gap < optimal.
    var rank: Int {
        switch self {
        case .heuristic: 0
        case .timeLimit: 1
        case .withinGap: 2
        case .optimal: 3
        }
    }
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
