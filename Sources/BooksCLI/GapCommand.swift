import ArgumentParser
import AssignmentEngine
import Foundation

extension GAPSense: ExpressibleByArgument {}

/// `books gap FILE`: solve generalized-assignment benchmark instances in the OR-Library format.
struct GapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gap",
        abstract: "Solve GAP benchmark instances (OR-Library format, see data/gap/README.md).",
        discussion: """
        Every job must go to exactly one agent within the agents' capacities. With --sense max the \
        costs are profits (OR-Library's gap1–gap12); with --sense min they are costs (Chu–Beasley \
        types A–D). When an optima.tsv lies beside FILE, each problem's best known value is shown too.
        """
    )

    @Argument(help: "An OR-Library GAP file, e.g. data/gap/gap1.txt.") var file: String
    @Option(help: "Solve only this problem (1-based; default: all).") var problem: Int?
    @Option(help: "Optimisation sense: max or min.") var sense: GAPSense = .max
    @Option(help: SolverChoice.help(absent: "default: auto")) var solver: SolverChoice = .auto
    @Option(name: .customLong("time-limit"), help: "Seconds per problem: a safety cap (the search stops on --nodes).") var timeLimit: Double = 60
    @Option(help: "GLPK's branch-and-bound nodes per 1,000 arcs: the deterministic budget of the search.") var nodes: Int = WorkBudget().branchNodes
    @Option(name: .customLong("mip-gap"), help: "Relative gap at which GLPK may stop (0 = prove optimality).") var mipGap: Double = 0
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try TimeLimitFlag.validate(timeLimit)
        guard mipGap >= 0, mipGap <= 1 else { throw ValidationError("--mip-gap must be in 0–1, got \(mipGap)") }
        guard nodes >= 1 else { throw ValidationError("--nodes must be a whole number ≥ 1, got \(nodes)") }
        if let problem, problem < 1 { throw ValidationError("--problem is 1-based, got \(problem)") }
    }

    struct Row: Codable {
        var problem: Int
        var name: String
        var m: Int
        var n: Int
        var objective: Double?
        var bound: Double?
        var gap: Double?
        var bestKnown: Int?
        var status: String
        var solver: String
        var seconds: Double
        var message: String?

        enum CodingKeys: String, CodingKey {
            case problem, name, m, n, objective, bound, gap, status, solver, seconds, message
            case bestKnown = "best_known"
        }
    }

    func run() throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw CLIError("\(file): cannot read the file (\(error.localizedDescription))")
        }
        let instances: [GAPInstance]
        do { instances = try GAPInstance.parse(text, file: file) } catch { throw CLIError("\(error)") }
        if let problem, problem > instances.count {
            throw CLIError("\(file): --problem \(problem) does not exist; the file has \(instances.count) problems")
        }
        let optima = Self.optima(besideFile: file, sense: sense)
        let selected = problem.map { [$0] } ?? Array(1 ... instances.count)
        var rows: [Row] = []
        let format = output.resolved
        let progress = output.progress()
        for p in selected {
            let instance = instances[p - 1]
            let sign: Double = sense == .max ? 1 : -1
            let model = instance.model(sense: sense)
            let start = ContinuousClock.now
            var row = Row(problem: p, name: instance.name, m: instance.agents, n: instance.jobs, objective: nil, bound: nil,
                          gap: nil, bestKnown: optima[p], status: "no_solution", solver: solver.rawValue, seconds: 0)
            do {
                let options = SolveOptions(timeLimit: timeLimit, relativeGap: mipGap,
                                           budget: WorkBudget(branchNodes: nodes, proofNodes: nodes),
                                           progress: progress.solveObserver())
                let solution = try progress.step("Solving \(instance.name) (problem \(p) of \(instances.count))") {
                    try Engine.solve(model, using: solver, options: options)
                }
                row.objective = sign * solution.objective
                row.bound = solution.bound.map { sign * $0 }
                row.gap = solution.gap
                row.status = solution.status.rawValue
                row.solver = solution.solver
            } catch {
                row.message = "\(error)"
                if case AssignmentError.infeasible = error { row.status = "infeasible" }
            }
            let elapsed = ContinuousClock.now - start
            row.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            rows.append(row)
            if format == .table && !output.quiet { print(Self.line(row)) }
        }
        struct Output: Codable { var problems: [Row] }
        switch output.quiet ? .table : format {
        case .table: break
        case .json: print(try OutputJSON.string(Output(problems: rows)))
        case .csv: print(Self.table(rows).csv())
        }
        if rows.contains(where: { $0.objective == nil }) { throw ExitCode(1) }
    }

    /// One row per problem, for `--format csv`.
    static func table(_ rows: [Row]) -> TextTable {
        func f(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        let columns = ["problem", "name", "m", "n", "objective", "bound", "gap", "best_known", "status", "solver", "seconds", "message"]
        return TextTable(columns: columns.map { TextTable.Column($0) }, rows: rows.map { r in
            ["\(r.problem)", r.name, "\(r.m)", "\(r.n)", f(r.objective), f(r.bound), f(r.gap), r.bestKnown.map { "\($0)" } ?? "",
             r.status, r.solver, String(format: "%.3f", r.seconds), r.message ?? ""]
        })
    }

    static func line(_ r: Row) -> String {
        func f(_ x: Double?) -> String {
            x.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String(format: "%.2f", $0) } ?? "—"
        }
        let gap = r.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "—"
        let best = r.bestKnown.map { "  best known \($0)" } ?? ""
        let message = r.message.map { "  (\($0))" } ?? ""
        return "\(r.name)  m=\(r.m) n=\(r.n)  objective \(f(r.objective))  bound \(f(r.bound))  gap \(gap)  \(r.status)  \(r.solver)  \(String(format: "%.3f", r.seconds)) s\(best)\(message)"
    }

    /// Best known values from an `optima.tsv` beside `file`, by problem, for `sense`.
    static func optima(besideFile file: String, sense: GAPSense) -> [Int: Int] {
        let url = URL(fileURLWithPath: file)
        let path = url.deletingLastPathComponent().appendingPathComponent("optima.tsv").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let table = try? GAPOptimum.parseTable(text, file: path) else { return [:] }
        let name = url.lastPathComponent
        return Dictionary(table.filter { $0.file == name && $0.sense == sense }.map { ($0.problem, $0.bestKnown) },
                          uniquingKeysWith: { a, _ in a })
    }
}

/// A command-line failure: one line for the user, non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
