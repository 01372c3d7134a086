import Foundation
import Testing
@testable import AssignmentEngine

/// Measures GLPKSolver on the GAP benchmark files and prints the numbers. Off unless
/// `GAP_MEASURE=1` is set: timings belong to the benchmark harness, not to the test run.
///
/// ```
/// GAP_MEASURE=1 swift test --skip-build --filter GAPMeasurement/small
/// GAP_MEASURE=1 GAP_LIMIT=60 swift test --skip-build --filter GAPMeasurement/chuBeasley
/// ```
/// The checks are the solver's promises, not its speed: proven optima match the published
/// ones, no answer beats a proven optimum, and no bound cuts one off.
@Suite("GAPMeasurement", .serialized, .enabled(if: ProcessInfo.processInfo.environment["GAP_MEASURE"] != nil))
struct GAPMeasurement {
    static let environment = ProcessInfo.processInfo.environment

    /// Process CPU seconds (user + system).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(0 /* RUSAGE_SELF */, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    @Test("gap1–12, both senses, one at a time")
    func small() throws {
        var configuration = GLPKSolver.Configuration()
        if let pump = Self.environment["GAP_PUMP"] { configuration.feasibilityPump = pump == "1" }
        var wall: [Double] = [], cpu: [Double] = [], nodes = 0
        var slowest = (name: "", seconds: 0.0)
        for gapCase in try GAPCase.small() {
            let optimum = gapCase.optimum
            let model = try GAPData.instance(for: optimum).model(sense: optimum.sense)
            let started = Date(), cpuStarted = Self.cpuSeconds()
            let run = try GLPKSolver(configuration: configuration).run(model, options: SolveOptions(timeLimit: 300, relativeGap: 0, budget: WorkBudget(branchNodes: 100_000_000)))
            wall.append(Date().timeIntervalSince(started))
            cpu.append(Self.cpuSeconds() - cpuStarted)
            nodes += run.nodes
            if wall.last! > slowest.seconds { slowest = (gapCase.testDescription, wall.last!) }
            let cost = Int(run.solution.objective.rounded()) * (optimum.sense == .max ? 1 : -1)
            #expect(run.solution.status == .optimal && cost == optimum.bestKnown, "\(gapCase.testDescription)")
        }
        print(String(format: "gap1-12: %d solves, wall total %.2f s, median %.3f s, max %.3f s (%@); "
                     + "CPU total %.2f s, median %.3f s; %d nodes",
                     wall.count, wall.reduce(0, +), Self.median(wall), slowest.seconds, slowest.name,
                     cpu.reduce(0, +), Self.median(cpu), nodes))
    }

    @Test("Chu–Beasley types A–D, minimisation, with a time limit")
    func chuBeasley() throws {
        let limit = Double(Self.environment["GAP_LIMIT"] ?? "60") ?? 60
        let prefix = Self.environment["GAP_ONLY"] ?? ""
        var configuration = GLPKSolver.Configuration()
        if let pump = Self.environment["GAP_PUMP"] { configuration.feasibilityPump = pump == "1" }
        if Self.environment["GAP_NO_MIP_PRESOLVE"] != nil { configuration.mipPresolveArcLimit = 0 }
        print("| instance | best known | GLPK | above best | lower bound | gap | status | nodes | seconds |")
        print("|---|---:|---:|---:|---:|---:|---|---:|---:|")
        for optimum in try GAPData.optima() where ["gapa.txt", "gapb.txt", "gapc.txt", "gapd.txt"].contains(optimum.file)
            && optimum.name.hasPrefix(prefix) {
            let model = try GAPData.instance(for: optimum).model(sense: .min)
            let started = Date()
            do {
                let run = try GLPKSolver(configuration: configuration).run(
                    model, options: SolveOptions(timeLimit: limit, relativeGap: 0, budget: WorkBudget(branchNodes: 100_000_000)))
                let solution = run.solution
                let cost = -Int(solution.objective.rounded())
                let lower = solution.bound.map { String(format: "%.1f", -$0) } ?? "–"
                let gap = solution.gap.map { String(format: "%.3f%%", 100 * $0) } ?? "–"
                print(String(format: "| %@ | %d | %d | %.3f%% | %@ | %@ | %@ | %d | %.1f |", optimum.name,
                             optimum.bestKnown, cost, 100 * Double(cost - optimum.bestKnown) / Double(optimum.bestKnown),
                             lower, gap, solution.status.rawValue, run.nodes, Date().timeIntervalSince(started)))
                if optimum.provenOptimal { #expect(cost >= optimum.bestKnown, "\(optimum.name) beats a proven optimum") }
                if let bound = solution.bound { #expect(-bound <= Double(optimum.bestKnown) + 1e-6, "\(optimum.name) bound") }
            } catch AssignmentError.noSolutionInTime {
                print(String(format: "| %@ | %d | none | – | – | – | no solution in time | – | %.1f |", optimum.name,
                             optimum.bestKnown, Date().timeIntervalSince(started)))
            }
        }
    }
}
