import ArgumentParser
import Foundation

/// `books plan` on product-shaped instances where fairness binds, beside GLPK alone, CP-SAT and
/// HiGHS on the same model.
struct FairBindBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fair-bind",
        abstract: "Binding-fairness suite: generated data, tight bands; books plan against GLPK, CP-SAT and HiGHS; writes a section of benchmarks/results.md.",
        discussion: """
        Steps, each storing its runs under --dir/NAME/runs so that steps can be run apart and the table \
        rebuilt from what is stored: generate (books generate, fixed seeds; policy-<mode>.yaml and \
        policy-off.yaml written from the generated policy), check (books plan with fairness off: how far \
        the fairness-free plan breaks the band), ours (books plan with the policy's own budgets; --repeats \
        runs when one takes under 60 s, else one), glpk (books plan --solver glpk, --peer-time-limit), \
        export (the planner's model with every eligible arc, in the neutral CSV format), peers (CP-SAT and \
        HiGHS through benchmarks/peers/solve.py, --peer-time-limit each), table (write the section).
        """)

    @Option(help: "Steps, comma-separated: generate,check,ours,glpk,export,peers,table.")
    var steps = "generate,check,ours,glpk,export,peers,table"
    @Option(help: "Instances, comma-separated (default: all of BindingSuites).") var instances: String?
    @Option(help: "Runs of books plan when one takes under 60 s; the median time is reported.") var repeats = 3
    @Option(name: .customLong("peer-time-limit"), help: "Seconds for GLPK, CP-SAT and HiGHS.") var peerTimeLimit: Double = 120
    @Option(name: .customLong("peer-memory"), help: "A cap on each peer's address space in GiB (prlimit --as), so a peer cannot exhaust a shared machine; 0: none.")
    var peerMemory: Double = 0
    @Option(name: .customLong("as-of"), help: "The plan's day (the generator's as-of).") var asOf = "2026-11-30"
    @Option(help: "The books executable.") var books = ".build/release/books"
    @Option(help: "Python of the peers' virtual environment.") var python = "benchmarks/peers/.venv/bin/python"
    @Option(help: "The peers' solve script.") var script = "benchmarks/peers/solve.py"
    @Option(help: "Working directory for data, plans and exports.") var dir = "benchmarks/.instances/fair-bind"
    @Option(help: "Results file to update.") var results = "benchmarks/results.md"

    var selected: [BindingInstance] {
        guard let instances else { return BindingSuites.all }
        let names = instances.split(separator: ",").map(String.init)
        return BindingSuites.all.filter { names.contains($0.name) }
    }

    func validate() throws {
        let known = ["generate", "check", "ours", "glpk", "export", "peers", "table"]
        for step in steps.split(separator: ",") where !known.contains(String(step)) {
            throw ValidationError("--steps: unknown step '\(step)'; known: \(known.joined(separator: ","))")
        }
        if let instances {
            for name in instances.split(separator: ",") where !BindingSuites.all.contains(where: { $0.name == name }) {
                throw ValidationError("--instances: unknown '\(name)'; known: \(BindingSuites.all.map(\.name).joined(separator: ","))")
            }
        }
        guard repeats >= 1, peerTimeLimit > 0 else { throw ValidationError("--repeats ≥ 1 and --peer-time-limit > 0") }
        guard FileManager.default.isExecutableFile(atPath: books) else {
            throw ValidationError("no books executable at \(books); build it with `swift build -c release --product books`")
        }
    }

    func run() throws {
        let todo = Set(steps.split(separator: ",").map(String.init))
        for instance in selected {
            let paths = Paths(dir: dir, instance: instance)
            if todo.contains("generate") { try generate(instance, paths) }
            if todo.contains("check") { record(paths, "check", plan(paths, policy: paths.policyOff, solver: nil, timeLimit: nil, out: "plan-off")) }
            if todo.contains("ours") {
                for round in 1 ... repeats {
                    let run = plan(paths, policy: paths.policy, solver: nil, timeLimit: nil, out: "plan-auto")
                    record(paths, "ours-\(round)", run)
                    if run.seconds >= 60 || run.objective == nil { break }
                }
            }
            if todo.contains("glpk") {
                record(paths, "glpk", plan(paths, policy: paths.policy, solver: "glpk", timeLimit: peerTimeLimit, out: "plan-glpk"))
            }
            if todo.contains("export") { try export(instance, paths) }
            if todo.contains("peers") {
                for peer in ["cpsat", "highs"] {
                    let killAfter = 1.5 * peerTimeLimit + 60
                    let arguments = [script, paths.export, "--solver", peer, "--time-limit", "\(peerTimeLimit)", "--gap", "0.001"]
                    var result = peerMemory > 0
                        ? WatchedChild.run("/usr/bin/prlimit", ["--as=\(Int(peerMemory * 1_073_741_824))", python] + arguments, name: peer, killAfter: killAfter)
                        : WatchedChild.run(python, arguments, name: peer, killAfter: killAfter)
                    if peerMemory > 0, result.objective == nil {
                        result.error = "under a \(BindingInstance.number(peerMemory)) GiB address-space cap (prlimit --as)" + (result.error.map { ": " + $0 } ?? "")
                    }
                    record(paths, peer, BindRun(result))
                }
            }
        }
        if todo.contains("table") {
            let body = try table()
            try ResultsFile.update(path: results, section: "fair-bind", title: "Fairness that binds (product-shaped instances)", body: body)
            say("wrote the fair-bind section of \(results)")
        }
    }

    /// Where an instance's files go.
    struct Paths {
        var data: String, root: String, policy: String, policyOff: String, runs: String, export: String
        init(dir: String, instance: BindingInstance) {
            data = "\(dir)/data/\(instance.dataName)"
            root = "\(dir)/\(instance.name)"
            policy = "\(root)/policy-\(instance.fairness).yaml"
            policyOff = "\(root)/policy-off.yaml"
            runs = "\(root)/runs"
            export = "\(dir)/exports/\(instance.name)"
        }
    }

    func generate(_ instance: BindingInstance, _ paths: Paths) throws {
        if !FileManager.default.fileExists(atPath: "\(paths.data)/accounts.csv") {
            let status = try Self.execute(books, instance.generateArguments + ["--out", paths.data])
            guard status == 0 else { throw FairBindError("books \(instance.generateArguments.joined(separator: " ")) failed (exit \(status))") }
        }
        let generated = try String(contentsOfFile: "\(paths.data)/policy.yaml", encoding: .utf8)
        try FileManager.default.createDirectory(atPath: paths.runs, withIntermediateDirectories: true)
        try instance.policy(from: generated, mode: instance.fairness).write(toFile: paths.policy, atomically: true, encoding: .utf8)
        try instance.policy(from: generated, mode: "off").write(toFile: paths.policyOff, atomically: true, encoding: .utf8)
        say("\(instance.name): data \(paths.data), policy \(paths.policy)")
    }

    /// The planner's model with every eligible arc, written by a child process (so this process
    /// never holds a large model).
    func export(_ instance: BindingInstance, _ paths: Paths) throws {
        let executable = Bundle.main.executablePath ?? ProcessInfo.processInfo.arguments[0]
        let exports = (paths.export as NSString).deletingLastPathComponent
        let status = try Self.execute(executable, ["export", "--data", paths.data, "--policy", paths.policy, "--as-of", asOf,
                                                    "--name", instance.name, "--dir", exports], quiet: false)
        guard status == 0 else { throw FairBindError("exporting \(instance.name) failed (exit \(status))") }
    }

    /// One `books plan` under `/usr/bin/time` (wall time, peak resident memory).
    func plan(_ paths: Paths, policy: String, solver: String?, timeLimit: Double?, out: String) -> BindRun {
        let output = "\(paths.root)/\(out)", timing = "\(paths.root)/\(out).time"
        try? FileManager.default.removeItem(atPath: "\(output)/summary.json")
        var arguments = ["-f", "%e %M", "-o", timing, books, "plan", "--data", paths.data, "--policy", policy, "--as-of", asOf,
                         "--out", output, "--json", "--quiet"]
        if let solver { arguments += ["--solver", solver] }
        if let timeLimit { arguments += ["--time-limit", "\(timeLimit)"] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        let errors = "\(output).stderr"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errors) ?? FileHandle.nullDevice
        do {
            try process.run()
            _ = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            // The summary the plan wrote (stdout is quiet); none when the plan failed.
            let summary = "\(output)/summary.json"
            let data = process.terminationStatus == 0 ? FileManager.default.contents(atPath: summary) ?? Data() : Data()
            var run = BindRun(plan: data, timing: (try? String(contentsOfFile: timing, encoding: .utf8)) ?? "", exit: process.terminationStatus)
            run.method = solver ?? "auto"
            if run.objective == nil, let text = try? String(contentsOfFile: errors, encoding: .utf8) {
                run.note = text.split(separator: "\n").last(where: { !$0.isEmpty }).map(String.init) ?? run.note
            }
            return run
        } catch {
            return BindRun(method: solver ?? "auto", status: "failed", seconds: 0, note: "\(error)")
        }
    }

    func record(_ paths: Paths, _ key: String, _ run: BindRun) {
        say("  \(paths.root.split(separator: "/").last ?? "") \(key): \(run.summary)")
        try? FileManager.default.createDirectory(atPath: paths.runs, withIntermediateDirectories: true)
        if let data = try? JSONEncoder.sorted.encode(run) {
            try? data.write(to: URL(fileURLWithPath: "\(paths.runs)/\(key).json"), options: .atomic)
        }
    }

    static func execute(_ executable: String, _ arguments: [String], quiet: Bool = true) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if quiet { process.standardOutput = FileHandle.nullDevice }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// One run on a binding instance: ours (a `books plan` summary), GLPK (the same, `--solver glpk`),
/// or a peer (solve.py's JSON line); the fairness-free check adds how far it breaks the band.
struct BindRun: Codable, Sendable {
    var method: String
    var status: String
    var objective: Double?
    var bound: Double?
    var seconds: Double
    var peakMB: Double?
    var violated = 0
    var note: String?
    /// Per fairness group with a ratio outside the band: name, smallest and largest ratio.
    var groups: [GroupRatio] = []
    /// The band of the policy the plan was made under (for the check: the instance's band).
    var band: Double?

    struct GroupRatio: Codable, Sendable { var name: String; var minRatio: Double; var maxRatio: Double }

    init(method: String, status: String, seconds: Double, note: String? = nil) {
        self.method = method; self.status = status; self.seconds = seconds; self.note = note
    }

    /// A run from `books plan --json` and `/usr/bin/time -f "%e %M"`.
    init(plan output: Data, timing: String, exit: Int32) {
        let measured = timing.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        self.init(method: "auto", status: "failed", seconds: measured.count >= 2 ? measured[measured.count - 2] : 0)
        peakMB = measured.count >= 2 ? measured[measured.count - 1] / 1024 : nil
        guard let json = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let solve = json["solve"] as? [String: Any] else {
            note = "exit \(exit), no summary"
            return
        }
        status = solve["status"] as? String ?? "?"
        objective = solve["objective"] as? Double
        bound = solve["bound"] as? Double
        violated = (json["violated_rows"] as? [Any])?.count ?? 0
        if exit != 0 { note = "exit \(exit)" }
        for group in json["groups"] as? [[String: Any]] ?? [] {
            if let name = group["name"] as? String, let low = group["min_ratio"] as? Double, let high = group["max_ratio"] as? Double {
                groups.append(GroupRatio(name: name, minRatio: low, maxRatio: high))
            }
        }
    }

    /// A peer's run (solve.py); its answer is checked there.
    init(_ peer: PeerRun) {
        self.init(method: peer.solver, status: peer.status, seconds: peer.seconds, note: peer.error ?? peer.note)
        objective = peer.answered ? peer.objective : nil
        bound = peer.bound
        peakMB = peer.peakMB > 0 ? peer.peakMB : nil
        if peer.status == "invalid" || peer.status == "rows_violated" { violated = -1 }
    }

    var summary: String {
        "\(status)\(violated > 0 ? " (\(violated) rows broken)" : "") \(objective.map { String(format: "%.2f", $0) } ?? "—") "
            + "in \(String(format: "%.1f", seconds)) s, \(peakMB.map { String(format: "%.0f MB", $0) } ?? "? MB")" + (note.map { " (\($0))" } ?? "")
    }

    /// A refused plan (`books plan` exits 1 when hard rows stay broken) with the number of broken
    /// rows its error names ("N hard rows not satisfied by …").
    func withBrokenRowsFromNote() -> BindRun {
        guard objective == nil, violated == 0, let note, let range = note.range(of: " hard rows not satisfied") ?? note.range(of: " hard row not satisfied")
        else { return self }
        let digits = note[..<range.lowerBound].reversed().prefix { $0.isNumber }
        var copy = self
        copy.violated = Int(String(digits.reversed())) ?? 0
        return copy
    }

    /// How far the plan's books lie outside `1 ± band`, relative to the bound broken: the floor
    /// `((1 − band) − ratio) / (1 − band)` and, in hard mode, the ceiling `(ratio − (1 + band)) / (1 + band)`.
    /// - Returns: the worst breach and where.
    func breach(band: Double, hard: Bool) -> (value: Double, group: String, side: String)? {
        var worst: (value: Double, group: String, side: String)?
        for g in groups {
            let floor = ((1 - band) - g.minRatio) / (1 - band)
            let ceiling = hard ? (g.maxRatio - (1 + band)) / (1 + band) : -1
            if floor > (worst?.value ?? 0) { worst = (floor, g.name, "floor, ratio \(g.minRatio)") }
            if ceiling > (worst?.value ?? 0) { worst = (ceiling, g.name, "ceiling, ratio \(g.maxRatio)") }
        }
        return worst
    }
}

extension FairBindBenchmark {
    /// The stored runs of one instance, by key (check, ours-1…, glpk, cpsat, highs).
    func runs(_ paths: Paths) -> [String: BindRun] {
        var out: [String: BindRun] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: paths.runs)) ?? [] where file.hasSuffix(".json") {
            if let data = FileManager.default.contents(atPath: "\(paths.runs)/\(file)"),
               let run = try? JSONDecoder().decode(BindRun.self, from: data) {
                out[String(file.dropLast(5))] = run
            }
        }
        return out
    }

    /// The section: how each instance is made and how far fairness binds, then every method's result.
    func table() throws -> String {
        func f(_ x: Double?, _ format: String = "%.2f") -> String { x.map { String(format: format, $0) } ?? "—" }
        func percent(_ x: Double?) -> String { x.map { String(format: "%.3f%%", $0 * 100) } ?? "—" }
        var made = ["| instance | data: `books generate …` | policy.yaml lines (under `assignment:`) | items × reps, arcs (planner / every eligible) | fairness off: objective | worst book outside the band | fairness costs |",
                    "|---|---|---|---|---|---|---|"]
        var results = ["| instance | method | status | objective | bound | gap to best bound | rows broken | time s | peak MB |",
                       "|---|---|---|---|---|---|---|---|---|"]
        var verdicts: [String] = []
        for instance in selected {
            let paths = Paths(dir: dir, instance: instance)
            let stored = runs(paths)
            guard !stored.isEmpty else { continue }
            let hard = instance.fairness == "hard"
            // A refused plan's error is cut short in runs stored before the note kept it whole: the
            // last run's standard error still has it.
            func refused(_ run: BindRun, _ out: String) -> BindRun {
                var run = run.withBrokenRowsFromNote()
                if run.objective == nil, run.violated == 0, let text = try? String(contentsOfFile: "\(paths.root)/\(out).stderr", encoding: .utf8) {
                    var copy = run
                    copy.note = text
                    run.violated = copy.withBrokenRowsFromNote().violated
                }
                return run
            }
            let ours = stored.filter { $0.key.hasPrefix("ours-") }.sorted { $0.key < $1.key }.map { refused($0.value, "plan-auto") }
            let median = ours.filter { $0.objective != nil }.sorted { $0.seconds < $1.seconds }
            let oursRun = median.isEmpty ? ours.first : median[(median.count - 1) / 2]
            var methods: [(label: String, run: BindRun, times: String)] = []
            if let oursRun {
                let times = ours.count > 1 ? " (median of \(ours.count): \(ours.map { String(format: "%.1f", $0.seconds) }.joined(separator: " / ")))"
                    : " (1 run\(oursRun.seconds >= 60 ? ": ≥ 60 s" : ""))"
                methods.append(("books plan (auto, policy budgets)", oursRun, times))
            }
            for (key, label) in [("glpk", "books plan --solver glpk (GLPK alone)"), ("cpsat", "OR-Tools CP-SAT"), ("highs", "HiGHS MIP")] {
                if let run = stored[key] { methods.append((label, key == "glpk" ? refused(run, "plan-glpk") : run, " (1 run)")) }
            }
            let check = stored["check"]
            // Every bound here holds for the instance: ours and GLPK's are raised over the arcs the planner
            // left out; the fairness-free optimum's bound holds with fairness on too.
            let bounds = methods.filter { !$0.run.status.contains("invalid") }.compactMap(\.run.bound) + [check?.bound].compactMap { $0 }
            let best = bounds.min()
            let bestObjective = methods.filter { $0.run.violated == 0 }.compactMap(\.run.objective).max()
            for m in methods {
                let gap = m.run.violated == 0 ? zip2(m.run.objective, best).map { max(0, ($1 - $0) / max(1e-9, abs($1))) } : nil
                let broken = m.run.violated < 0 ? "answer invalid" : m.run.objective == nil && m.run.violated == 0 ? "no answer" : "\(m.run.violated)"
                results.append("| \(instance.name) | \(m.label) | \(m.run.status)\(m.run.note.map { ": " + $0.replacingOccurrences(of: "|", with: "/").prefix(160) } ?? "") | "
                               + "\(f(m.run.objective)) | \(f(m.run.bound)) | \(percent(gap)) | \(hard || m.run.violated != 0 ? broken : "—") | "
                               + "\(f(m.run.seconds, "%.1f"))\(m.times) | \(f(m.run.peakMB, "%.0f")) |")
            }
            let breach = check?.breach(band: instance.band, hard: hard)
            let meta = exportMeta(paths)
            let generate = "`books " + instance.generateArguments.joined(separator: " ") + " --out DATA`"
            let lines = instance.policyLines(mode: instance.fairness).map { "`\($0.trimmingCharacters(in: .whitespaces))`" }.joined(separator: "<br>")
            let cost = zip2(check?.objective, bestObjective).map { ($0 - $1) / max(1e-9, abs($0)) }
            made.append("| \(instance.name) | \(generate) | \(lines) | \(meta) | \(f(check?.objective)) (\(check?.status ?? "not run")) | "
                        + "\(breach.map { String(format: "%.1f%%", $0.value * 100) + " (\($0.group), \($0.side))" } ?? "within the band") "
                        + "\(breach.map { $0.value >= 0.01 ? "**≥ 1 %: binds**" : "**< 1 %**" } ?? "**does not bind**") | \(percent(cost)) |")
            if let oursRun, let best {
                let gap = oursRun.violated == 0 ? oursRun.objective.map { max(0, (best - $0) / max(1e-9, abs(best))) } : nil
                let limit = instance.accounts >= 100_000 ? 30.0 : 10.0
                let met = gap.map { $0 <= 0.001 } == true && oursRun.seconds <= limit && oursRun.violated == 0
                verdicts.append("- **\(instance.name)**: \(f(oursRun.seconds, "%.1f")) s, \(oursRun.violated) rows broken, "
                                + "\(percent(gap)) from the best bound (own status \(oursRun.status)); target ≤ \(Int(limit)) s within 0.1 %: **\(met ? "met" : "missed")**.")
            }
        }
        return """
        Command: `.build/release/BooksBenchmarks fair-bind --repeats \(repeats) --peer-time-limit \(Int(peerTimeLimit))` \
        (steps generate, check, ours, glpk, export, peers, table; each step can be run alone with `--steps` and \
        `--instances`). Every instance is made by the product: `books generate` with a fixed seed, then the \
        generated policy.yaml with the lines below in place of its own (everything else as generated: 3 \
        segments × 3 theaters unless stated, 35 % of accounts owned, a few reps covering two theaters, \
        55 % of reps with specialties, 10 % ramping, customers kept by lock_customers). Plans are made \
        as of \(asOf) (`--as-of`), with the policy's own budgets for ours (time_limit_s 30 as a safety cap, \
        mip_gap 0.001). *Fairness off* is `books plan` with `mode: off` and the same band: the worst book's \
        ratio V(r)·C(G)/(C(r)·V(G)) outside 1 ± band, relative to the bound it breaks (floor \
        ((1 − band) − ratio)/(1 − band); ceiling, hard only, (ratio − (1 + band))/(1 + band)); *fairness costs* \
        is how much less the best fair answer is worth. Peers solve the exported model (`BooksBenchmarks \
        export --data DATA --policy POLICY`): the planner's model with every eligible (account, rep) arc put \
        back (the planner keeps a few per account in cells of more than 48 eligible reps and prices the rest), \
        checked against the planner's own arcs and rows; GLPK alone is `books plan --solver glpk --time-limit \
        \(Int(peerTimeLimit))` on the data. Time and peak memory: GNU time (`%e`, `%M`) around the whole \
        `books plan`; for a peer, solve.py's model build plus solver call and its peak resident memory. Gap \
        is to the smallest bound any method proved (the fairness-free optimum's bound included); CP-SAT's \
        bound is for its conservatively rounded rows. Machine: 2 cores shared with other builds; load \
        average \(PeersBenchmark.loadAverage()) when the table was written.

        \(made.joined(separator: "\n"))

        \(results.joined(separator: "\n"))

        \(verdicts.joined(separator: "\n"))
        """
    }

    /// Items, reps and arcs of the exported instance, when it was exported.
    func exportMeta(_ paths: Paths) -> String {
        guard let data = FileManager.default.contents(atPath: "\(paths.export)/instance.json"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return "not exported" }
        let generator = json["generator"] as? [String: String] ?? [:]
        return "\(json["items"] ?? "?") × \(json["bins"] ?? "?"), \(generator["planner_arcs"] ?? "?") / \(json["arcs"] ?? "?") arcs, \(json["rows"] ?? "?") rows"
    }
}

private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
