import ArgumentParser
import AssignmentEngine
import Foundation

/// Our solvers and established ones (OR-Tools, HiGHS) on the same exported instances, in the same
/// run, in one table.
struct PeersBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "Our solvers side by side with OR-Tools and HiGHS on the same instances; writes a section of benchmarks/results.md.",
        discussion: """
        Needs the Python environment of benchmarks/peers (`benchmarks/peers/run.sh setup`, or `make bench-peers`). \
        Every run is a child process; the runs of one instance are interleaved across solvers, and the median \
        of --repeats runs is reported.
        """)

    @Option(name: .customLong("suite"), help: "Only these suites (transport, fair-soft, fair-hard); repeatable.")
    var suites: [String] = []
    @Flag(help: "Small instances (a smoke test of the whole pipeline).") var quick = false
    @Option(help: "Runs per instance and solver; the median is reported.") var repeats = 3
    @Option(name: .customLong("time-limit"), help: "Seconds per solve, for every solver.") var timeLimit: Double = 120
    @Option(help: "Python of the peers' virtual environment.") var python = "benchmarks/peers/.venv/bin/python"
    @Option(help: "The peers' solve script.") var script = "benchmarks/peers/solve.py"
    @Option(help: "Where instances are exported.") var dir = "benchmarks/.instances"
    @Option(help: "Results file to update.") var results = "benchmarks/results.md"
    @Option(help: "Only these methods (our solver choices and peer keys: flow, greedy, auto, mcf, lemon, cpsat, highs, …); comma-separated.")
    var methods: String?
    @Option(help: "The results.md section to write (another name keeps the full table as it is).") var section = "peers"
    @Option(help: "LEMON's driver, built by `benchmarks/peers/run.sh lemon`.") var lemon = "benchmarks/peers/.bin/lemon_transport"

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ValidationError("no Python at \(python); create it with `benchmarks/peers/run.sh setup` (or run `make bench-peers`)")
        }
        guard FileManager.default.fileExists(atPath: script) else { throw ValidationError("no script at \(script)") }
        let known = Set(PeerSuites.all(quick: quick).map(\.spec.suite))
        for suite in suites where !known.contains(suite) {
            throw ValidationError("unknown suite '\(suite)'; known: \(known.sorted().joined(separator: ", "))")
        }
    }

    func run() throws {
        let cases = PeerSuites.all(quick: quick).filter { suites.isEmpty || suites.contains($0.spec.suite) }
        let loadBefore = Self.loadAverage()
        var rows: [PeerRow] = []
        for peerCase in cases {
            let spec = peerCase.spec
            // Exported by a child process: on Linux a child's peak memory (ru_maxrss) starts from its
            // parent's peak, so the harness itself must never hold a large instance.
            let path = try exportInChild(spec)
            say("\(spec.name): exported to \(path)")
            let only = methods.map { Set($0.split(separator: ",").map(String.init)) }
            var caseRows = peerCase.ours.filter { only?.contains($0.rawValue) ?? true }
                .map { PeerRow(instance: spec.name, suite: spec.suite, method: "\($0.rawValue) (ours)", key: $0.rawValue, ours: true) }
                + peerCase.peers.filter { only?.contains($0.rawValue) ?? true }
                .map { PeerRow(instance: spec.name, suite: spec.suite, method: $0.label, key: $0.rawValue, ours: false) }
            // Interleaved, so slow drift in the machine's load spreads over every solver.
            for round in 0 ..< repeats {
                for index in caseRows.indices {
                    let row = caseRows[index]
                    // A method that was stopped or found nothing once would only burn the same budget again.
                    if let last = row.runs.last, !last.answered { continue }
                    let result = row.ours ? runOurs(row.key, spec: spec) : runPeer(row.key, instance: path)
                    caseRows[index].runs.append(result)
                    say("  [\(round + 1)/\(repeats)] \(row.method): \(result.summary)")
                }
            }
            rows += caseRows
        }
        PeerRow.fillBestKnown(&rows)
        let loadAfter = Self.loadAverage()
        let body = """
        Command: `.build/release/BooksBenchmarks peers --repeats \(repeats) --time-limit \(Int(timeLimit))\(quick ? " --quick" : "")\
        \(suites.map { " --suite \($0)" }.joined())\(methods.map { " --methods \($0)" } ?? "")\(section == "peers" ? "" : " --section \(section)")`. Peers: \(peerVersions()); every solver gets the same \(Int(timeLimit)) s \
        and the same relative gap 1e-3 (our `SolveOptions` default). Instances: `SyntheticInstance.cells` (4 independent \
        cells, value = score × U[0.8, 1.2]), exported to CSV by `BooksBenchmarks export` and read by \
        `benchmarks/peers/solve.py`. A run still going \(Int(killAfter)) s after it started is stopped (*killed*), and a \
        method without an answer once (killed, failed, none in time) is not repeated on that instance. Every peer answer is checked there against capacities and rows and its objective \
        recomputed in floating point. CP-SAT runs 8 workers (the portfolio OR-Tools recommends) sharing the 2 cores; \
        HiGHS runs with its default threads.

        *median s* is the solve from the in-memory instance to a checked answer: for ours `Engine.solve` (both cores, \
        components in parallel); for a peer, building its model from the loaded arrays plus the solver call \
        (*solver call s* alone). *load s* is the peer reading the CSV files, not counted. *gap* is to the best bound \
        any solver proved on the instance (CP-SAT's bound is for its conservatively rounded rows). \
        The machine is shared and noisy: load average \(loadBefore) before the run and \(loadAfter) after it, on 2 cores.

        \(PeerRow.markdown(rows))
        \(PeerRow.findings(rows, quick: quick))
        """
        let title = section == "peers" ? "Side by side with OR-Tools and HiGHS" : "Side by side with OR-Tools, HiGHS and LEMON (\(section))"
        try ResultsFile.update(path: results, section: section, title: title, body: body)
        say("wrote the \(section) section of \(results)")
    }

    /// A progress line, written at once (not buffered) so a redirected run can be followed.

    /// Writes `spec` under `dir` with `BooksBenchmarks export` in a child process.
    /// - Returns: the instance's directory.
    func exportInChild(_ spec: InstanceSpec) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? ProcessInfo.processInfo.arguments[0])
        process.arguments = ["export", "--instance", spec.name, "--dir", dir] + (quick ? ["--quick"] : [])
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("exporting \(spec.name) to \(dir) failed (exit \(process.terminationStatus))")
        }
        return dir + "/" + spec.name
    }

    /// Runs our solver on the generated instance through `run-one`, in a child process.
    func runOurs(_ solver: String, spec: InstanceSpec) -> PeerRun {
        let executable = Bundle.main.executablePath ?? ProcessInfo.processInfo.arguments[0]
        return WatchedChild.run(executable, ["run-one"] + spec.arguments + ["--solver", solver, "--time-limit", "\(timeLimit)"],
                                name: solver, killAfter: killAfter)
    }

    /// Runs `solve.py` (or LEMON's driver) on one exported instance, in a child process.
    func runPeer(_ solver: String, instance: String) -> PeerRun {
        if solver == PeerSolver.lemon.rawValue {
            return WatchedChild.run(lemon, [instance], name: solver, killAfter: killAfter)
        }
        return WatchedChild.run(python, [script, instance, "--solver", solver, "--time-limit", "\(timeLimit)", "--gap", "0.001"],
                         name: solver, killAfter: killAfter)
    }

    /// A run still going this long after it started is stopped: 1.5 × the limit plus a minute covers
    /// GLPK's soft limit and a peer building its model in Python before its solver's limit starts.
    var killAfter: Double { 1.5 * timeLimit + 60 }

    /// The peers' package versions, as `solve.py --versions` reports them.
    func peerVersions() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--versions"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "versions unknown" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The 1-minute load average, a measure of how busy the shared machine was.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").first.map(String.init) ?? "unknown"
    }
}

/// Prints a progress line at once (stdout is not line-buffered when piped).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// A child process that prints one JSON line, stopped if it outlives its budget.
enum WatchedChild {
    /// Runs `executable` with `arguments`, decodes the last line it prints, and terminates it after
    /// `killAfter` seconds (HiGHS 1.15 was seen ignoring its time limit for many minutes while
    /// setting up the clique partition of a 400,000-binary objective).
    static func run(_ executable: String, _ arguments: [String], name: String, killAfter: Double) -> PeerRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        let start = ContinuousClock.now
        let killed = KilledFlag()
        let watchdog = DispatchWorkItem {
            guard process.isRunning else { return }
            killed.set()
            process.terminate()
        }
        do {
            try process.run()
            DispatchQueue.global().asyncAfter(deadline: .now() + killAfter, execute: watchdog)
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            watchdog.cancel()
            if killed.isSet {
                return PeerRun(solver: name, status: "killed", seconds: Measurement.seconds(since: start), peakMB: 0,
                               error: "stopped by the harness after \(Int(killAfter)) s without an answer")
            }
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            return try JSONDecoder().decode(PeerRun.self, from: Data(line.utf8))
        } catch {
            watchdog.cancel()
            return PeerRun(solver: name, status: "failed", seconds: Measurement.seconds(since: start), peakMB: 0,
                           error: "child run failed: \(error)")
        }
    }
}

/// Set once by the watchdog, read after the child has exited.
private final class KilledFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// One run, ours (from `run-one`) or a peer's (from `solve.py`), in the columns both print.
struct PeerRun: Codable, Sendable {
    var solver: String
    var status: String
    var objective: Double?
    var bound: Double?
    var seconds: Double
    var peakMB: Double
    var error: String?
    var loadSeconds: Double?
    var solveSeconds: Double?
    var verified: Bool?
    var note: String?

    enum CodingKeys: String, CodingKey {
        case solver, status, objective, bound, seconds, peakMB, error, verified, note
        case loadSeconds = "load_seconds", solveSeconds = "solve_seconds"
    }

    init(solver: String, status: String, objective: Double? = nil, bound: Double? = nil, seconds: Double, peakMB: Double,
         error: String? = nil) {
        self.solver = solver; self.status = status; self.objective = objective; self.bound = bound
        self.seconds = seconds; self.peakMB = peakMB; self.error = error
    }

    init(_ run: RunResult) {
        self.init(solver: run.solver, status: run.status, objective: run.objective, bound: run.bound,
                  seconds: run.seconds, peakMB: run.peakMB, error: run.error)
    }

    /// A feasible, checked answer (ours are checked by the engine's own evaluation).
    var answered: Bool { objective != nil && verified != false && status != "invalid" && !status.contains("violated") }

    var summary: String {
        let objective = objective.map { String(format: "%.2f", $0) } ?? "—"
        return "\(status) \(objective) in \(String(format: "%.3f", seconds)) s\(error.map { " — \($0)" } ?? "")"
    }
}

/// One line of the side-by-side table: one method on one instance, the median of its runs.
struct PeerRow {
    var instance: String
    var suite: String
    var method: String
    /// The `--solver` value: a `SolverChoice` for ours, a `PeerSolver` for a peer.
    var key: String
    var ours: Bool
    var runs: [PeerRun] = []
    var bestBound: Double?
    var bestObjective: Double?

    /// The run of median time among those with an answer (among all runs when none has one).
    var median: PeerRun {
        let answered = runs.filter(\.answered)
        let pool = (answered.isEmpty ? runs : answered).sorted { $0.seconds < $1.seconds }
        return pool[pool.count / 2]
    }

    /// Median of a per-run measurement over the runs that have it.
    func medianOf(_ value: (PeerRun) -> Double?) -> Double? {
        let values = runs.filter(\.answered).compactMap(value).sorted()
        return values.isEmpty ? nil : values[values.count / 2]
    }

    /// Relative gap of the median answer to the best bound any solver proved (or the best answer).
    var gap: Double? {
        guard let objective = median.objective, median.answered, let best = bestBound ?? bestObjective else { return nil }
        return max(0, best - objective) / max(1e-9, abs(best))
    }

    /// Relative gap of the median answer to its own bound.
    var ownGap: Double? {
        guard let objective = median.objective, let bound = median.bound else { return nil }
        return max(0, bound - objective) / max(1e-9, abs(bound))
    }

    static func fillBestKnown(_ rows: inout [PeerRow]) {
        for instance in Set(rows.map(\.instance)) {
            let group = rows.indices.filter { rows[$0].instance == instance }
            // A relaxation's bound holds whether or not its answer keeps the rows.
            let bound = group.compactMap { rows[$0].median.answered || rows[$0].median.status == "rows_violated" ? rows[$0].median.bound : nil }.min()
            let objective = group.compactMap { rows[$0].median.answered ? rows[$0].median.objective : nil }.max()
            for i in group { rows[i].bestBound = bound; rows[i].bestObjective = objective }
        }
    }

    static func markdown(_ rows: [PeerRow]) -> String {
        func f(_ x: Double?, _ format: String) -> String { x.map { String(format: format, $0) } ?? "—" }
        var out = "| instance | method | answered by | status | objective | bound | gap | median s | solver call s | load s | peak MB | answers |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            let m = r.median
            let answers = "\(r.runs.filter(\.answered).count)/\(r.runs.count)"
            out += "| \(r.instance) | \(r.method) | \(m.solver) | \(m.status) | \(f(m.answered ? m.objective : nil, "%.2f")) "
                + "| \(f(m.bound, "%.2f")) | \(f(r.gap.map { $0 * 100 }, "%.3f%%")) | \(String(format: "%.3f", m.seconds)) "
                + "| \(f(r.medianOf(\.solveSeconds), "%.3f")) | \(f(r.medianOf(\.loadSeconds), "%.3f")) | \(m.peakMB > 0 ? "\(Int(m.peakMB))" : "—") | \(answers) |\n"
        }
        return out
    }

    /// The comparisons the issue sets targets for, and every error or note a run reported.
    static func findings(_ rows: [PeerRow], quick: Bool) -> String {
        var lines: [String] = []
        func s(_ x: Double) -> String { String(format: "%.3f s", x) }
        for instance in rows.map(\.instance).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let group = rows.filter { $0.instance == instance }
            if let flow = group.first(where: { $0.ours && $0.key == SolverChoice.flow.rawValue }),
               let mcf = group.first(where: { !$0.ours && $0.key == PeerSolver.mcf.rawValue }) {
                if flow.median.answered, mcf.median.answered, let ours = flow.median.objective, let theirs = mcf.median.objective {
                    let ratio = flow.median.seconds / max(1e-9, mcf.median.seconds)
                    let callRatio = mcf.medianOf(\.solveSeconds).map { flow.median.seconds / max(1e-9, $0) }
                    let agree = abs(ours - theirs) <= 1e-6 * max(1, abs(theirs))
                    var line = "- **\(instance)**: our exact `flow` \(s(flow.median.seconds)) vs OR-Tools min-cost flow \(s(mcf.median.seconds))"
                        + " → ratio **\(String(format: "%.2f", ratio))**"
                    if let callRatio, let call = mcf.medianOf(\.solveSeconds) {
                        line += " (\(String(format: "%.2f", callRatio)) against its solver call alone, \(s(call)))"
                    }
                    line += agree ? "; both optimal with the same objective." : "; **objectives differ**: \(ours) vs \(theirs)."
                    if instance == "transport-50000x200" { line += " Target ratio ≤ 1.0: **\(ratio <= 1 ? "met" : "missed")**." }
                    lines.append(line)
                } else {
                    lines.append("- **\(instance)**: no ratio: flow \(flow.median.status), min-cost flow \(mcf.median.status).")
                }
            }
            if let lemon = group.first(where: { !$0.ours && $0.key == PeerSolver.lemon.rawValue }),
               let mcf = group.first(where: { !$0.ours && $0.key == PeerSolver.mcf.rawValue }) {
                if lemon.median.answered, mcf.median.answered, let theirs = mcf.median.objective, let lemonObjective = lemon.median.objective {
                    let agree = abs(lemonObjective - theirs) <= 1e-6 * max(1, abs(theirs))
                    var line = "- **\(instance)**: LEMON's network simplex \(s(lemon.median.seconds)) (build + solve; solve alone "
                        + "\(lemon.medianOf(\.solveSeconds).map(s) ?? "?")) vs OR-Tools min-cost flow \(s(mcf.median.seconds)) (solver call "
                        + "\(mcf.medianOf(\.solveSeconds).map(s) ?? "?")) → LEMON / OR-Tools **\(String(format: "%.2f", lemon.median.seconds / max(1e-9, mcf.median.seconds)))**"
                    if let flow = group.first(where: { $0.ours && $0.key == SolverChoice.flow.rawValue }), flow.median.answered {
                        line += "; our `flow` / LEMON \(String(format: "%.2f", flow.median.seconds / max(1e-9, lemon.median.seconds)))"
                    }
                    line += agree ? "; same optimum." : "; **objectives differ**: \(lemonObjective) vs \(theirs)."
                    lines.append(line)
                } else {
                    lines.append("- **\(instance)**: no LEMON ratio: LEMON \(lemon.median.status), min-cost flow \(mcf.median.status).")
                }
            }
            if let relaxed = group.first(where: { !$0.ours && $0.key == PeerSolver.mcfRelaxed.rawValue }),
               let free = relaxed.median.bound {
                let m = relaxed.median
                let verdict = m.status == "rows_violated" ? "breaks hard rows (\(m.error ?? "")), so the rows bind"
                    : m.answered && (m.objective ?? 0) >= free - 1e-6 * max(1, abs(free)) ? "keeps every row at no cost: **the rows do not bind** on this instance"
                    : m.answered ? "costs \(String(format: "%.2f", free - (m.objective ?? 0))) in penalties, so the rows bind" : m.status
                lines.append("- **\(instance)**: with the side rows dropped the optimum is \(String(format: "%.2f", free)); that answer \(verdict).")
            }
            if let auto = group.first(where: { $0.ours && $0.key == SolverChoice.auto.rawValue }), auto.suite.hasPrefix("fair") {
                let m = auto.median
                var line = "- **\(instance)**: our `auto` (\(m.solver)) \(m.status) in \(s(m.seconds))"
                if let own = auto.ownGap { line += ", \(String(format: "%.3f%%", own * 100)) from its own bound" }
                if let gap = auto.gap { line += ", \(String(format: "%.3f%%", gap * 100)) from the best bound of any solver" }
                let peers = group.filter { (!$0.ours && $0.key != PeerSolver.mcfRelaxed.rawValue) || $0.key == SolverChoice.glpk.rawValue }.map { peer -> String in
                    let p = peer.median
                    return "\(peer.method) \(p.answered ? "\(p.status) at \(peer.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "?") in \(s(p.seconds))" : "\(p.status) after \(s(p.seconds))")"
                }
                if !peers.isEmpty { line += "; " + peers.joined(separator: ", ") }
                if instance == "fair-hard-20000x100", let own = auto.ownGap {
                    line += ". Target (≤ 0.5% of the bound in ≤ 30 s): **\(own <= 0.005 && m.seconds <= 30 && m.answered ? "met" : "missed")**"
                }
                lines.append(line + ".")
            }
        }
        var notes: [String] = []
        for r in rows {
            let median = r.ours ? nil : r.median.note.map { "median run: \($0)" }
            for text in Set(r.runs.compactMap(\.error)).sorted() + (median.map { [$0] } ?? []) {
                notes.append("- \(r.instance), \(r.method): \(text.replacingOccurrences(of: "\n", with: " ").prefix(300))")
            }
        }
        var out = lines.isEmpty ? "" : "Findings:\n\n" + lines.joined(separator: "\n") + "\n"
        if !notes.isEmpty { out += "\nNotes and errors reported by the runs:\n\n" + notes.joined(separator: "\n") + "\n" }
        if quick { out += "\n(Quick suites: a smoke test, not the targets' instances.)\n" }
        return out
    }
}
