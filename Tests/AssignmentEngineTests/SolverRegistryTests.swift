import Foundation
import Testing
@testable import AssignmentEngine

/// The one solver seam: every solver is an ``AssignmentSolver`` that the engine calls per
/// component, and the registry is the one list of them.
@Suite("Solver registry and the engine's dispatch")
struct SolverRegistryTests {
    @Test("the built-in solvers are one list, each reached by its name")
    func builtIn() throws {
        #expect(SolverRegistry.names.prefix(6) == ["auto", "glpk", "greedy", "flow", "lagrange", "ejection"])
        for choice in [SolverChoice.auto, .glpk, .greedy, .flow, .lagrange, .ejection] {
            #expect(SolverChoice(rawValue: choice.rawValue) == choice)
            #expect(choice.solver.name == choice.rawValue)
        }
        #expect(SolverChoice(rawValue: "simplex") == nil)
        let decoded = try JSONDecoder().decode([SolverChoice].self, from: Data(#"["glpk","flow"]"#.utf8))
        #expect(decoded == [.glpk, .flow])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([SolverChoice].self, from: Data(#"["simplex"]"#.utf8)) }
    }

    /// Answers with greedy and records the size of every model it is given.
    final class Recording: AssignmentSolver, @unchecked Sendable {
        let name = "recording"
        private let lock = NSLock()
        private var seen: [[Int]] = []
        var calls: [[Int]] { lock.withLock { seen.sorted { $0.lexicographicallyPrecedes($1) } } }
        func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
            lock.withLock { seen.append([model.itemCount, model.binCount, options.parallelism]) }
            return try GreedySolver().solve(model, options: options)
        }
    }

    @Test("the engine hands an unregistered solver one component at a time, as it does the registered ones")
    func perComponent() throws {
        // Three independent cells: items 0–2 on bins 0–1, items 3–4 on bin 2, item 5 on bins 3–4.
        var builder = AssignmentModelBuilder(itemCount: 6, capacities: [2, 1, 2, 1, 1])
        for i in 0 ..< 3 { builder.addArc(item: i, bin: 0, value: Double(10 - i), weight: 1); builder.addArc(item: i, bin: 1, value: 5, weight: 1) }
        for i in 3 ..< 5 { builder.addArc(item: i, bin: 2, value: Double(i), weight: 1) }
        builder.addArc(item: 5, bin: 3, value: 1, weight: 1)
        builder.addArc(item: 5, bin: 4, value: 2, weight: 1)
        let model = builder.build().model
        let recording = Recording()
        let solution = try Engine.solve(model, using: recording, options: SolveOptions(parallelism: 2))
        #expect(recording.calls == [[1, 2, 1], [2, 1, 1], [3, 2, 1]])
        #expect(solution.components.count == 3)
        #expect(solution.components.allSatisfy { $0.solver == "greedy" })
        let greedy = try Engine.solve(model, using: .greedy, options: SolveOptions(parallelism: 2))
        #expect(solution.chosenArc == greedy.chosenArc)
        // Every item has room here, each at its best bin: value 10 + 9 + 5 + 3 + 4 + 2.
        #expect(solution.objective == 33)
        #expect(model.evaluate(solution.chosenArc).isFeasible)
    }
}
