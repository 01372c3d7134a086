import ArgumentParser
import AssignmentEngine
import Foundation

/// Generated engine instances × solvers, median of several runs each.
struct EngineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "engine", abstract: "Engine suites: transportation, weighted, fairness.")

    @Option(help: "Runs per instance and solver; the median is reported.") var repeats = 3
    @Option(name: .customLong("time-limit"), help: "Seconds per solve.") var timeLimit: Double = 60
    @Flag(help: "Smaller suites.") var quick = false
    @Option(help: "Results file to update.") var results = "benchmarks/results.md"

    func run() throws {
        var rows: [ResultRow] = []
        for (spec, solvers) in EngineSuites.all(quick: quick) {
            for solver in solvers {
                let runs = (0 ..< repeats).map { _ in
                    ChildRun.run(["run-one"] + spec.arguments + ["--solver", solver.rawValue, "--time-limit", "\(timeLimit)"])
                }
                let row = ResultRow(instance: spec.name, size: spec.items, method: solver.rawValue, runs: runs)
                print(row.line)
                rows.append(row)
            }
        }
        ResultRow.fillGaps(&rows)
        let table = ResultRow.markdown(rows)
        let chart = SVGChart.lines(title: "Engine: median solve time by instance size", rows: rows)
        try ResultsFile.update(path: results, section: "engine", title: "Engine suites (generated instances)",
                               body: """
                               Command: `.build/release/BooksBenchmarks engine --repeats \(repeats) --time-limit \(Int(timeLimit))\(quick ? " --quick" : "")`. \
                               Instances: `SyntheticInstance.cells` (4 independent cells, value = score × U[0.8, 1.2]); \
                               gap is to the best bound any solver proved, or to the best objective when none did.

                               \(table)
                               ![engine chart](engine.svg)
                               """)
        try chart.write(toFile: (results as NSString).deletingLastPathComponent + "/engine.svg", atomically: true, encoding: .utf8)
    }
}

/// Runs the harness itself as a child process and decodes its one-line JSON result.
enum ChildRun {
    static func run(_ arguments: [String]) -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL
        if let path = Bundle.main.executablePath { process.executableURL = URL(fileURLWithPath: path) }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            return try JSONDecoder().decode(RunResult.self, from: Data(line.utf8))
        } catch {
            return RunResult(solver: "?", status: "failed", objective: nil, bound: nil, seconds: 0, peakMB: 0,
                             error: "child run failed: \(error)")
        }
    }
}

/// One line of a results table: the median of several runs.
struct ResultRow {
    var instance: String
    var size: Int
    var method: String
    var runs: [RunResult]
    var bestKnown: Double?

    var median: RunResult {
        let ok = runs.filter { $0.objective != nil }
        let sorted = (ok.isEmpty ? runs : ok).sorted { $0.seconds < $1.seconds }
        return sorted[sorted.count / 2]
    }

    var gap: Double? {
        guard let best = bestKnown, let objective = median.objective else { return nil }
        return max(0, best - objective) / max(1e-9, abs(best))
    }

    var line: String {
        let m = median
        return "\(instance) \(method): \(m.status) objective \(m.objective.map { String(format: "%.2f", $0) } ?? "—") in \(String(format: "%.3f", m.seconds)) s, \(Int(m.peakMB)) MB\(m.error.map { " — \($0)" } ?? "")"
    }

    /// Best known per instance: the tightest proven bound, else the best objective.
    static func fillGaps(_ rows: inout [ResultRow]) {
        for instance in Set(rows.map(\.instance)) {
            let group = rows.indices.filter { rows[$0].instance == instance }
            let bounds = group.compactMap { rows[$0].median.bound }
            let objectives = group.compactMap { rows[$0].median.objective }
            let best = bounds.min() ?? objectives.max()
            for i in group { rows[i].bestKnown = best }
        }
    }

    static func markdown(_ rows: [ResultRow]) -> String {
        var out = "| instance | solver | answered by | status | objective | bound | gap | median s | peak MB |\n|---|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            let m = r.median
            func f(_ x: Double?, _ format: String) -> String { x.map { String(format: format, $0) } ?? "—" }
            out += "| \(r.instance) | \(r.method) | \(m.solver) | \(m.status) | \(f(m.objective, "%.2f")) | \(f(m.bound, "%.2f")) | \(f(r.gap.map { $0 * 100 }, "%.3f%%")) | \(String(format: "%.3f", m.seconds)) | \(Int(m.peakMB)) |\n"
        }
        return out
    }
}
