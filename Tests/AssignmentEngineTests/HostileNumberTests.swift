import Testing
@testable import AssignmentEngine

/// Numbers that are valid doubles but absurd as capacities, weights or time limits: the engine
/// answers (or refuses) instead of trapping in a conversion to an integer.
@Suite("Hostile numbers in the engine")
struct HostileNumberTests {
    /// Three items that fit anywhere: the answer puts each on bin A (value 10).
    func model(capacityA: Double, weight: Double = 1) -> AssignmentModel {
        var builder = AssignmentModelBuilder(itemCount: 3, capacities: [capacityA, 3])
        builder.mustAssign = [true, true, true]
        for i in 0 ..< 3 {
            builder.addArc(item: i, bin: 0, value: 10, weight: weight)
            builder.addArc(item: i, bin: 1, value: 1, weight: weight)
        }
        return builder.build().model
    }

    @Test("A capacity of 1e19 (or 1e300) units: the flow solver's slot count saturates",
          arguments: [1e19, 9.223372036854775807e18, 1e300])
    func hugeCapacity(_ capacity: Double) throws {
        let solution = try FlowSolver().solve(model(capacityA: capacity), options: SolveOptions(timeLimit: 5, parallelism: 1))
        #expect(solution.chosenArc.allSatisfy { $0.map { $0 % 2 == 0 } ?? false })
        #expect(solution.objective == 30)
    }

    @Test("A tiny weight against an ordinary capacity: capacity ÷ weight does not trap")
    func tinyWeight() throws {
        let solution = try FlowSolver().solve(model(capacityA: 1, weight: 1e-300), options: SolveOptions(timeLimit: 5, parallelism: 1))
        #expect(solution.objective == 30)
    }

    @Test("Time limits beyond a week, infinite or NaN are bounded before any deadline is computed",
          arguments: [1e18, 1e300, Double.infinity, -5, Double.nan])
    func timeLimits(_ seconds: Double) throws {
        var options = SolveOptions(timeLimit: seconds, parallelism: 1)
        #expect((0 ... SolveOptions.maximumTimeLimit).contains(options.timeLimit))
        options.timeLimit = seconds
        #expect((0 ... SolveOptions.maximumTimeLimit).contains(options.timeLimit))
        guard seconds > 0 else { return }
        for choice in [SolverChoice.auto, .greedy, .flow, .lagrange] {
            // Feasibility only: the verdict must not depend on how fast the machine is.
            let solution = try Engine.solve(model(capacityA: 3), using: choice, options: options)
            #expect(solution.chosenArc.allSatisfy { $0 != nil }, "\(choice)")
        }
    }
}
