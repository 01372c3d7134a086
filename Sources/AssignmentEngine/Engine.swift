import Foundation

/// The front door of the assignment engine: validate, split into independent components, solve
/// them in parallel with the chosen solver, and stitch the answers back together.
///
/// Every solver goes through here, named by a ``SolverChoice`` of ``SolverRegistry`` or given
/// as any ``AssignmentSolver``: the engine hands it one component at a time. The default,
/// `auto` (``AutoSolver``), takes on each component the flow fast path where it applies;
/// otherwise the Lagrangian relaxation (an answer with a bound), ejection chains on components
/// without side rows, and GLPK warm-started by the best answer on components of at most
/// ``WorkBudget/glpkArcLimit`` arcs that are not yet within the gap, keeping the best answer
/// found when GLPK fails or exhausts its budget.
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
        try solve(model, using: choice.solver, options: options)
    }

    /// Solves `model` with `solver`, one component at a time, as the registered solvers are:
    /// validation, components, parallelism, stitching and reports as above. `solver` need not be
    /// registered.
    public static func solve(_ model: AssignmentModel, using solver: some AssignmentSolver,
                             options: SolveOptions) throws -> AssignmentSolution {
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
            let outcome = Result { try solveComponent(component.model, using: solver, options: options, deadline: deadline) }
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
        if let first = failures.first { throw AssignmentError.solverFailure(solver: solver.name, message: first) }
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
            violatedRows: evaluation.violatedRows, solver: names.isEmpty ? solver.name : names.joined(separator: "+"),
            seconds: clock.secondsElapsed, components: reports, certificate: certificate)
    }

    /// The LP prices of a transportation component's optimal flow (no side rows).
    static func flowCertificate(_ model: AssignmentModel, answer: AssignmentSolution) -> DualCertificate? {
        guard model.sideRows.isEmpty, LagrangianSolver.isTransportation(model),
              let units = UnitAnswer(transportation: model, chosen: answer.chosenArc) else { return nil }
        return ProvingRelaxation(multiplier: [], constant: 0, answer: units, capacityPrice: nil)
            .certificate(model, terms: RowTerms(model))
    }

    /// Solves one component with `solver`, within what is left of the time until `deadline`,
    /// and reports it (with the solver's note, and the time limit's when it cut the search short).
    static func solveComponent(_ model: AssignmentModel, using solver: some AssignmentSolver, options: SolveOptions,
                               deadline: ContinuousClock.Instant) throws -> AssignmentSolution {
        let start = ContinuousClock.now
        var local = options
        local.timeLimit = max(0.05, start.seconds(until: deadline))
        local.parallelism = 1
        var s = try solver.solve(model, options: local)
        if options.certify {
            s.certificate = s.certificate ?? Self.flowCertificate(model, answer: s) ?? .trivial(model)
        }
        let capped = s.status == .timeLimit ? "the time limit (a safety cap) cut the search short" : nil
        s.components = [ComponentReport(index: 0, items: model.itemCount, bins: model.binCount, arcs: model.arcCount,
                                        sideRows: model.sideRows.count, solver: s.solver, status: s.status,
                                        objective: s.objective, bound: s.bound, seconds: start.secondsElapsed,
                                        note: [s.note, capped].compactMap { $0 }.joined(separator: "; ").nilIfEmpty)]
        return s
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
