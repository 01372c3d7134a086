import ArgumentParser
import AssignmentEngine
import Foundation

/// The public GAP instances against their known optima, per solver.
struct GAPBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gap", abstract: "GAP suites: gap1–12 (both senses) and Chu–Beasley A–D against the known optima.")

    @Option(help: "Directory with the OR-Library files and optima.tsv.") var data = "data/gap"
    @Option(name: .customLong("time-limit"), help: "Seconds per problem for Chu–Beasley.") var timeLimit: Double = 60
    @Option(help: "Solvers to compare, of \(SolverRegistry.names.joined(separator: ", ")).") var solvers: [SolverChoice] = [.auto, .greedy]
    @Flag(help: "Skip the Chu–Beasley sets.") var smallOnly = false
    @Flag(help: "Only the Chu–Beasley sets (gapa–gapd), with a row per problem; written to their own section.") var chuBeasleyOnly = false
    @Option(help: "Results file to update.") var results = "benchmarks/results.md"

    struct Outcome { var file: String; var name: String; var sense: GAPSense; var known: Int; var proven: Bool; var solver: SolverChoice
        var value: Double?; var status: String; var seconds: Double; var answeredBy = "—"; var shape = "" }

    func run() throws {
        let optima = try GAPOptimum.parseTable(String(contentsOfFile: "\(data)/optima.tsv", encoding: .utf8), file: "optima.tsv")
        var cache: [String: [GAPInstance]] = [:]
        var outcomes: [Outcome] = []
        for optimum in optima {
            let small = optimum.file.range(of: #"^gap[0-9]+\.txt$"#, options: .regularExpression) != nil
            if smallOnly && !small { continue }
            if chuBeasleyOnly && small { continue }
            if cache[optimum.file] == nil {
                cache[optimum.file] = try GAPInstance.parse(String(contentsOfFile: "\(data)/\(optimum.file)", encoding: .utf8), file: optimum.file)
            }
            guard let instances = cache[optimum.file], instances.indices.contains(optimum.problem - 1) else { continue }
            let instance = instances[optimum.problem - 1]
            let model = instance.model(sense: optimum.sense)
            let sign: Double = optimum.sense == .max ? 1 : -1
            for solver in solvers {
                let start = ContinuousClock.now
                var outcome = Outcome(file: optimum.file, name: optimum.name, sense: optimum.sense, known: optimum.bestKnown, proven: optimum.provenOptimal,
                                      solver: solver, value: nil, status: "no answer", seconds: 0)
                outcome.shape = "\(instance.agents) × \(instance.jobs)"
                if let s = try? Engine.solve(model, using: solver, options: SolveOptions(timeLimit: small ? 120 : timeLimit, relativeGap: 0, budget: WorkBudget(branchNodes: 100_000_000, proofNodes: 100_000_000))) {
                    outcome.value = sign * s.objective
                    outcome.status = s.status.rawValue
                    outcome.answeredBy = s.solver
                }
                outcome.seconds = Measurement.seconds(since: start)
                print("\(optimum.name) \(optimum.sense.rawValue) \(solver.rawValue): \(outcome.value.map { String(Int($0)) } ?? "—") (best known \(optimum.bestKnown)) \(outcome.status) \(String(format: "%.3f", outcome.seconds)) s")
                outcomes.append(outcome)
            }
        }
        // Positive when worse than the best known, in either sense.
        func gap(_ o: Outcome) -> Double? { o.value.map { (o.sense == .min ? $0 - Double(o.known) : Double(o.known) - $0) / Double(o.known) } }
        func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
        var table = "| set | solver | problems | optimum reached | proven optimal | mean gap to best known | worst gap | median s | max s |\n|---|---|---|---|---|---|---|---|---|\n"
        func orLibrary(_ o: Outcome) -> Bool {
            let kind: Character = o.name.dropFirst(3).first ?? "x"
            return o.name.hasPrefix("gap") && !"abcd".contains(kind)
        }
        var sets: [(String, (Outcome) -> Bool)] = [
            ("gap1–12 max", { (o: Outcome) -> Bool in orLibrary(o) && o.sense == .max }),
            ("gap1–12 min", { (o: Outcome) -> Bool in orLibrary(o) && o.sense == .min }),
        ]
        for letter in ["a", "b", "c", "d"] {
            sets.append(("Chu–Beasley \(letter.uppercased())", { (o: Outcome) -> Bool in o.file == "gap\(letter).txt" }))
        }
        for (label, member) in sets {
            for solver in solvers {
                let group = outcomes.filter { member($0) && $0.solver == solver }
                guard !group.isEmpty else { continue }
                let gaps = group.compactMap(gap)
                let reached = group.filter { gap($0).map { $0 < 1e-9 } ?? false }.count
                let proven = group.filter { $0.status == "optimal" }.count
                table += "| \(label) | \(solver.rawValue) | \(group.count) | \(reached) | \(proven) | \(gaps.isEmpty ? "—" : String(format: "%.3f%%", 100 * gaps.reduce(0, +) / Double(gaps.count))) | \(gaps.max().map { String(format: "%.3f%%", 100 * $0) } ?? "—") | \(String(format: "%.3f", median(group.map(\.seconds)))) | \(String(format: "%.3f", group.map(\.seconds).max() ?? 0)) |\n"
            }
        }
        if chuBeasleyOnly {
            var rows = "| problem | m × n | best known | solver | answered by | objective | gap to best known | status | s |\n|---|---|---|---|---|---|---|---|---|\n"
            for o in outcomes {
                rows += "| \(o.name) | \(o.shape) | \(o.known)\(o.proven ? "" : " (not proven)") | \(o.solver.rawValue) | \(o.answeredBy) | \(o.value.map { String(Int($0)) } ?? "—") | \(gap(o).map { String(format: "%+.3f%%", 100 * $0) } ?? "—") | \(o.status) | \(String(format: "%.1f", o.seconds)) |\n"
            }
            try ResultsFile.update(path: results, section: "gap-chu-beasley", title: "GAP: Chu–Beasley types A–D (gapa–gapd) against their best-known values", body: """
                Command: `.build/release/BooksBenchmarks gap --chu-beasley-only --time-limit \(Int(timeLimit))\(solvers.map { " --solvers \($0.rawValue)" }.joined())`. \
                Minimisation; every problem gets \(Int(timeLimit)) s (relative gap 0) and is run once. *gap to best known* is \
                (objective − best known) / best known. `ejection` is the ejection-chain search alone (its own work budget, \
                the time limit only a cap); `auto` is the Lagrangian solver (30 % of the limit), then the ejection-chain search \
                (its budget, capped at half of the time left), then GLPK warm-started with the better answer.

                \(table)
                \(rows)
                """)
            return
        }
        try ResultsFile.update(path: results, section: "gap", title: "GAP benchmark instances (known optima)", body: """
            Command: `.build/release/BooksBenchmarks gap --time-limit \(Int(timeLimit))\(smallOnly ? " --small-only" : "")`. \
            gap1–12 get up to 120 s each and must be proved (relative gap 0); Chu–Beasley sets are minimisation with \
            \(Int(timeLimit)) s per problem. `auto` on GAP is the Lagrangian solver (capacities priced by subgradient steps, answers repaired by local search, then reduced-cost fixing with GLPK on the arcs left) within 30 % of the limit, and GLPK on the whole problem, warm-started, when that did not prove the optimum.

            \(table)
            """)
    }
}
