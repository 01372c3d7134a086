import ArgumentParser
import AssignmentEngine
import Foundation

/// `books plan` end to end (read, score, build, solve, write) on generated data of several sizes,
/// with fairness off, soft and hard, per solver: wall time, peak memory, objective, bound, gap.
struct PlanBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "books plan end to end on generated data (10k to 1M accounts, fairness off/soft/hard); writes a section of benchmarks/results.md.",
        discussion: """
        Each size is generated once by `books generate` (seed 7; sizes marked :24 use the regulated \
        variant with 8 licensed states × 3 segments = 24 segment × theater cells). Every plan is a \
        child process under /usr/bin/time (wall time, peak resident memory) and timeout (killed \
        after --kill-after seconds). Gap is to the best bound any solver proved on that instance.
        """)

    @Option(help: "Sizes as ACCOUNTSxREPS[:24]; comma-separated.")
    var sizes = "10000x40,100000x400,300000x1000:24"
    @Option(help: "Fairness modes; comma-separated.") var fairness = "off,soft,hard"
    @Option(help: "Solvers, comma-separated, of \(SolverRegistry.names.joined(separator: ", ")) (glpk only runs where it can: --glpk-max-accounts).")
    var solvers = "auto,greedy,glpk"
    @Option(name: .customLong("glpk-max-accounts"), help: "Largest size GLPK alone is run on.") var glpkMaxAccounts = 10_000
    @Option(help: "Runs per plan; the median time is reported.") var repeats = 1
    @Option(name: .customLong("time-limit"), help: "Seconds per solve (books plan --time-limit).") var timeLimit: Double = 120
    @Option(name: .customLong("kill-after"), help: "Seconds after which a run is stopped.") var killAfter: Double = 600
    @Option(help: "The books executable.") var books = ".build/release/books"
    @Option(help: "Working directory for generated data and plans.") var dir = "benchmarks/.instances/plan"
    @Option(help: "Results file to update.") var results = "benchmarks/results.md"
    @Flag(help: "Reuse plans a previous run finished in --dir (their summary.json and timing) instead of re-running them.")
    var reuse = false

    struct Size {
        var accounts: Int, reps: Int, cells24: Bool
        var name: String { "\(accounts / 1000)k×\(reps)" + (cells24 ? " (24 cells)" : "") }
    }

    func parsedSizes() throws -> [Size] {
        try sizes.split(separator: ",").map { text in
            let parts = text.split(separator: ":")
            let numbers = parts[0].split(separator: "x").compactMap { Int($0) }
            guard numbers.count == 2, numbers[0] > 0, numbers[1] > 0, parts.count == 1 || parts[1] == "24" else {
                throw ValidationError("--sizes: '\(text)' is not ACCOUNTSxREPS or ACCOUNTSxREPS:24")
            }
            return Size(accounts: numbers[0], reps: numbers[1], cells24: parts.count == 2)
        }
    }

    func validate() throws {
        _ = try parsedSizes()
        guard repeats >= 1, timeLimit > 0, killAfter > timeLimit else {
            throw ValidationError("--repeats ≥ 1, --time-limit > 0 and --kill-after > --time-limit")
        }
        for solver in solvers.split(separator: ",") where SolverChoice(rawValue: String(solver)) == nil {
            throw ValidationError("--solvers: unknown solver '\(solver)'; expected one of \(SolverRegistry.names.joined(separator: ", "))")
        }
        for mode in fairness.split(separator: ",") where !["off", "soft", "hard"].contains(mode) {
            throw ValidationError("--fairness: unknown mode '\(mode)'")
        }
        guard FileManager.default.isExecutableFile(atPath: books) else {
            throw ValidationError("no books executable at \(books); build it with `swift build -c release --product books`")
        }
    }

    func run() throws {
        var rows: [PlanRow] = []
        let loadBefore = PeersBenchmark.loadAverage()
        for size in try parsedSizes() {
            let data = "\(dir)/\(size.accounts)x\(size.reps)\(size.cells24 ? "-24" : "")"
            try generate(size, into: data)
            for mode in fairness.split(separator: ",").map(String.init) {
                let policy = try policyVariant(of: data, fairness: mode)
                var instanceRows: [PlanRow] = []
                for solver in solvers.split(separator: ",").map(String.init) {
                    if solver == "glpk" && size.accounts > glpkMaxAccounts { continue }
                    var runs: [PlanRun] = []
                    let out = "\(data)/plan-\(mode)-\(solver)"
                    // A reused plan is one run; a plan run now is run `repeats` times.
                    if reuse, let previous = Self.finished(out) {
                        say("\(size.name) fairness \(mode) \(solver) [reused]: \(previous.summary)")
                        runs.append(previous)
                    }
                    for round in 0 ..< (runs.isEmpty ? repeats : 0) {
                        let run = plan(data: data, policy: policy, solver: solver, out: out)
                        say("\(size.name) fairness \(mode) \(solver) [\(round + 1)/\(repeats)]: \(run.summary)")
                        runs.append(run)
                        if run.status == "killed" || run.status == "failed" { break }
                    }
                    instanceRows.append(PlanRow(size: size.name, accounts: size.accounts, fairness: mode, solver: solver, runs: runs))
                }
                let bounds = instanceRows.compactMap { $0.median.bound }
                let best = bounds.min() ?? instanceRows.filter { $0.median.violated == 0 }.compactMap { $0.median.objective }.max()
                for index in instanceRows.indices { instanceRows[index].reference = best }
                rows += instanceRows
            }
        }
        let body = """
            Command: `.build/release/BooksBenchmarks plan --sizes \(sizes) --fairness \(fairness) --solvers \(solvers) --repeats \(repeats) --time-limit \(Int(timeLimit))`. \
            Data: `books generate --accounts N --reps R --seed 7` (default policy: soft fairness band 0.15, \
            max 25 moves per rep, keep_worked, 35 % of accounts owned), the fairness mode switched in a copy of \
            policy.yaml. Time and peak memory are of the whole `books plan` process (read, score, build, solve, \
            write); the solve's own time limit is \(Int(timeLimit)) s. Gap is to the best bound any solver \
            proved on the instance. Load average before the run: \(loadBefore).

            \(PlanRow.table(rows))

            ![plan chart](plan.svg)
            """
        try ResultsFile.update(path: results, section: "plan", title: "books plan end to end (generated data)", body: body)
        // The engine chart's lines: one per solver and fairness mode, time against accounts.
        let chartRows = rows.map { row in
            ResultRow(instance: row.size, size: row.accounts, method: "\(row.solver), \(row.fairness)",
                      runs: row.runs.map { RunResult(solver: $0.answeredBy ?? row.solver, status: $0.status, objective: $0.objective,
                                                     bound: $0.bound, seconds: $0.seconds, peakMB: $0.peakMB ?? 0) })
        }
        try SVGChart.lines(title: "books plan: median end-to-end time by accounts", rows: chartRows)
            .write(toFile: (results as NSString).deletingLastPathComponent + "/plan.svg", atomically: true, encoding: .utf8)
        say("updated \(results)")
    }

    func generate(_ size: Size, into data: String) throws {
        if FileManager.default.fileExists(atPath: "\(data)/accounts.csv") { return }
        var arguments = ["generate", "--accounts", "\(size.accounts)", "--reps", "\(size.reps)", "--seed", "7", "--out", data]
        if size.cells24 { arguments += ["--states", "--theaters", "8", "--segments", "3"] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: books)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("books generate failed for \(size.name)") }
    }

    /// A copy of the generated policy with `assignment.fairness.mode` set to `mode`.
    func policyVariant(of data: String, fairness mode: String) throws -> String {
        let text = try String(contentsOfFile: "\(data)/policy.yaml", encoding: .utf8)
        guard let range = text.range(of: #"mode: (off|soft|hard)"#, options: .regularExpression) else {
            throw ValidationError("\(data)/policy.yaml has no fairness mode to switch")
        }
        let path = "\(data)/policy-\(mode).yaml"
        try text.replacingCharacters(in: range, with: "mode: \(mode)").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The plan a previous run finished in `out` (its summary.json and timing), if any.
    static func finished(_ out: String) -> PlanRun? {
        guard let output = FileManager.default.contents(atPath: "\(out)/summary.json"),
              let measured = try? String(contentsOfFile: "\(out).time", encoding: .utf8) else { return nil }
        return parse(output: output, timing: measured, exitStatus: 0, wall: 0)
    }

    /// One `books plan` under `timeout` and `/usr/bin/time`.
    func plan(data: String, policy: String, solver: String, out: String) -> PlanRun {
        let timing = "\(out).time"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["--signal=KILL", "\(Int(killAfter))", "/usr/bin/time", "-f", "%e %M", "-o", timing, books,
                             "plan", "--data", data, "--policy", policy, "--solver", solver, "--time-limit", "\(timeLimit)",
                             "--out", out, "--json", "--quiet"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? FileManager.default.removeItem(atPath: "\(out)/summary.json")
        let errors = "\(out).stderr"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)  // without it, stderr goes nowhere
        process.standardError = FileHandle(forWritingAtPath: errors) ?? FileHandle.nullDevice
        let start = ContinuousClock.now
        do {
            try process.run()
            _ = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let wall = Measurement.seconds(since: start)
            // `--quiet` prints nothing: the summary is the one the plan wrote.
            let output = process.terminationStatus == 0 ? FileManager.default.contents(atPath: "\(out)/summary.json") ?? Data() : Data()
            if process.terminationStatus == 137 || process.terminationReason == .uncaughtSignal {
                return PlanRun(status: "killed", seconds: wall, peakMB: nil, note: "stopped after \(Int(killAfter)) s")
            }
            var run = Self.parse(output: output, timing: (try? String(contentsOfFile: timing, encoding: .utf8)) ?? "",
                                 exitStatus: process.terminationStatus, wall: wall)
            if run.status == "failed", let text = try? String(contentsOfFile: errors, encoding: .utf8),
               let last = text.split(separator: "\n").last(where: { $0.hasPrefix("Error") }) {
                run.note = String(last.prefix(300))
            }
            return run
        } catch {
            return PlanRun(status: "failed", seconds: Measurement.seconds(since: start), peakMB: nil, note: "\(error)")
        }
    }
}

extension PlanBenchmark {
    /// A run from the plan's JSON summary and `/usr/bin/time -f "%e %M"`'s line.
    static func parse(output: Data, timing: String, exitStatus: Int32, wall: Double) -> PlanRun {
        let measured = timing.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        let peak = measured.count >= 2 ? measured[measured.count - 1] / 1024 : nil
        let seconds = measured.count >= 2 ? measured[measured.count - 2] : wall
        guard exitStatus == 0,
              let json = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let solve = json["solve"] as? [String: Any] else {
            return PlanRun(status: "failed", seconds: seconds, peakMB: peak, note: "exit \(exitStatus)")
        }
        return PlanRun(status: solve["status"] as? String ?? "?", seconds: seconds, peakMB: peak,
                       objective: solve["objective"] as? Double, bound: solve["bound"] as? Double,
                       answeredBy: solve["solver"] as? String,
                       violated: (json["violated_rows"] as? [Any])?.count ?? 0)
    }
}

/// One `books plan` process.
struct PlanRun {
    var status: String
    var seconds: Double
    var peakMB: Double?
    var objective: Double?
    var bound: Double?
    var answeredBy: String?
    var violated = 0
    var note: String?

    var summary: String {
        let objective = self.objective.map { String(format: "%.1f", $0) } ?? "—"
        return "\(status) \(objective) in \(String(format: "%.1f", seconds)) s, \(peakMB.map { String(format: "%.0f", $0) } ?? "?") MB"
            + (note.map { " (\($0))" } ?? "")
    }
}

/// The runs of one solver on one instance; reported by the median time.
struct PlanRow {
    var size: String
    var accounts: Int
    var fairness: String
    var solver: String
    var runs: [PlanRun]
    var reference: Double?

    var median: PlanRun {
        let sorted = runs.sorted { $0.seconds < $1.seconds }
        return sorted[(sorted.count - 1) / 2]
    }

    static func table(_ rows: [PlanRow]) -> String {
        var lines = ["| accounts × reps | fairness | solver | answered by | status | objective | bound | gap | median s | peak MB |",
                     "|---|---|---|---|---|---|---|---|---|---|"]
        for row in rows {
            let m = row.median
            let gap = m.violated > 0 ? nil : both(m.objective, row.reference).map { o, r in String(format: "%.3f%%", max(0, (r - o) / max(1e-9, abs(r))) * 100) }
            let status = m.status + (m.violated > 0 ? " (\(m.violated) rows violated)" : "") + (m.note.map { ": \($0)" } ?? "")
            lines.append("| \(row.size) | \(row.fairness) | \(row.solver) | \(m.answeredBy ?? "—") | \(status) | "
                + "\(m.objective.map { String(format: "%.1f", $0) } ?? "—") | \(m.bound.map { String(format: "%.1f", $0) } ?? "—") | "
                + "\(gap ?? "—") | \(String(format: "%.1f", m.seconds)) | \(m.peakMB.map { String(format: "%.0f", $0) } ?? "—") |")
        }
        return lines.joined(separator: "\n")
    }
}

private func both(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
