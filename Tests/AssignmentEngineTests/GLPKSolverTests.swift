import Dispatch
import Foundation
import Testing
@testable import AssignmentEngine

@Suite("GLPKSolver")
struct GLPKSolverTests {
    static let exact = SolveOptions(timeLimit: 60, relativeGap: 0)

    // MARK: - GAP optima

    @Test("gap1–gap12 reach the published optimum in both senses", arguments: try GAPCase.small())
    func gapOptimum(_ gapCase: GAPCase) throws {
        let optimum = gapCase.optimum
        let instance = try GAPData.instance(for: optimum)
        let model = instance.model(sense: optimum.sense)
        let solution = try GLPKSolver().solve(model, options: Self.exact)

        #expect(solution.status == .optimal)
        let agentOfJob = try (0 ..< instance.jobs).map { try #require(solution.bin(ofItem: $0, in: model)) }
        #expect(instance.totalCost(agentOfJob: agentOfJob) == optimum.bestKnown)
        #expect(solution.objective == Double(optimum.sense == .max ? optimum.bestKnown : -optimum.bestKnown))
        #expect(solution.gap == 0)
        for agent in 0 ..< instance.agents {
            let load = (0 ..< instance.jobs).filter { agentOfJob[$0] == agent }.reduce(0) { $0 + instance.resource[agent][$1] }
            #expect(load <= instance.capacity[agent], "agent \(agent + 1) over capacity")
        }
    }
}
