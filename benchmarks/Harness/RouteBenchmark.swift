import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// Route latency and throughput of `books serve` on loopback against a generated workspace.
///
/// Builds (or reuses) a workspace of `--accounts` generated accounts, starts the release `books
/// serve` next to this executable on a copy of it, and drives `POST /v1/route` for distinct pool
/// accounts:
/// - **open loop** at each of `--rates` requests per second for `--seconds` (after a warm-up), spread over
///   `--connections` keep-alive connections; a request's latency runs from the moment it was
///   *scheduled* to its answer, so a stalled server is charged for the requests it delays
///   (no coordinated omission);
/// - **closed loop**: every connection sends back to back for `--seconds`, giving the throughput.
///
/// Each `--sync` mode is measured. Afterwards the ledger must hold one `routed` row per answered
/// request: every decision was durable when it was answered.
struct RouteBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "books serve: route latency p50/p99 and throughput on loopback.")

    @Option(help: "Accounts in the generated workspace.") var accounts = 100_000
    @Option(help: "Open-loop request rates to measure (requests per second), comma-separated.") var rates = "100,500"
    @Option(help: "Seconds measured per phase (after a 3 s warm-up at the same rate).") var seconds = 20
    @Option(help: "Keep-alive connections.") var connections = 16
    @Option(help: "Times each phase is run (each on a fresh server and workspace copy); every run is reported.") var repeats = 3
    @Option(help: "Durability modes to measure, comma-separated (full, normal).") var sync = "full,normal"
    @Option(help: "Where the generated workspace is kept between runs.") var workspaceDirectory = "benchmarks/.instances"
    @Option(help: "Results file to update.") var results = "benchmarks/README.md"

    func run() throws {
        let base = try baseWorkspace()
        let ids = try Workspace.open(at: base, access: .readOnly).read { r in
            try r.accounts().filter { $0.account.owner == nil && $0.theater != nil && $0.excludedBy == nil }.map(\.id.rawValue)
        }
        var rng = SeededGenerator(seed: 11)
        let pool = ids.shuffled(using: &rng)
        print("workspace \(base): \(accounts) accounts, \(pool.count) routable pool accounts")
        let rateList = rates.split(separator: ",").compactMap { Int($0) }
        guard !rateList.isEmpty, rateList.allSatisfy({ $0 > 0 }) else { throw ValidationError("--rates: give positive numbers, e.g. 100,500") }
        if let most = rateList.max(), pool.count < most * (seconds + 3) {
            throw ValidationError("the workspace has \(pool.count) pool accounts; a \(most)/s phase needs \(most * (seconds + 3))")
        }

        // Every phase starts from a fresh copy of the workspace, so each can route the same accounts.
        var rows: [String] = []
        for mode in sync.split(separator: ",").map(String.init) {
            guard Workspace.Durability(rawValue: mode) != nil else { throw ValidationError("--sync: unknown mode \(mode)") }
            for rate in rateList {
                for run in 1 ... repeats {
                    let open = try measure(base: base, mode: mode, ids: pool, rate: rate)
                    rows.append(open.row(mode: mode, phase: "open loop, \(rate)/s", run: run))
                    print(rows[rows.count - 1])
                }
            }
            for run in 1 ... repeats {
                let closed = try measure(base: base, mode: mode, ids: pool, rate: nil)
                rows.append(closed.row(mode: mode, phase: "closed loop, \(connections) connections", run: run))
                print(rows[rows.count - 1])
            }
        }
        let fsync = Self.fsyncMilliseconds(directory: workspaceDirectory)
        // Under `chrt -f N` the harness and the server it starts run with real-time priority, so
        // other work on a shared machine does not decide the tail.
        let realTime = sched_getscheduler(0) == SCHED_FIFO
        var load = [Double](repeating: 0, count: 3)
        _ = getloadavg(&load, 3)
        let machineNote = "the load average when the run ended was \(String(format: "%.1f", load[0]))"
            + (realTime ? " (the harness and the server ran with real-time priority, `chrt -f 10`, because the machine was shared)." : ".")
        try ResultsFile.update(path: results, section: "routing", title: "Routing service (`books serve`)", body: """
            Command: `swift build -c release --product books && swift build -c release --product BooksBenchmarks && \
            \(realTime ? "chrt -f 10 " : "").build/release/BooksBenchmarks route --accounts \(accounts) --rates \(rates) --seconds \(seconds) --connections \(connections) --sync \(sync) --repeats \(repeats)`. \
            Workspace: `Generator` with \(accounts) accounts and \(accounts / 125) reps (seed 42), scored and imported; each phase \
            runs on a fresh copy. Every request routes a different pool account by id (`{"account_id": …}`) with a bearer \
            token, over \(connections) keep-alive connections from a second process. Open loop: latency from the scheduled \
            send time to the answer (no coordinated omission). After each phase the ledger was checked to hold one `routed` \
            row per answer. This disk's `fsync` takes \(fsync) (median, p99 of 200 4 KiB writes); \(machineNote)

            | sync | phase | run | requests | errors | throughput (req/s) | p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) |
            |---|---|---|---|---|---|---|---|---|---|---|
            \(rows.joined(separator: "\n"))
            """)
    }

    /// The generated workspace, built once and kept.
    func baseWorkspace() throws -> String {
        try FileManager.default.createDirectory(atPath: workspaceDirectory, withIntermediateDirectories: true)
        let path = "\(workspaceDirectory)/route-\(accounts).sqlite"
        if FileManager.default.fileExists(atPath: path) { return path }
        let started = ContinuousClock.now
        var rng = SeededGenerator(seed: 42)
        let data = Generator(.init(accounts: accounts, reps: max(8, accounts / 125))).generate(using: &rng)
        let scored = Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns).score(data.accounts)
        let building = path + ".building"
        try? FileManager.default.removeItem(atPath: building)
        _ = try Workspace.open(at: building, create: true).importData(
            ImportData(accounts: scored, reps: data.reps, activity: data.activity, policy: data.policy),
            asOf: Generator.Configuration().asOf)
        try FileManager.default.moveItem(atPath: building, toPath: path)
        print("built \(path) in \(ContinuousClock.now - started)")
        return path
    }

    /// One phase against a fresh server on a fresh copy of the workspace: open loop at `rate`, or
    /// closed loop when `rate` is nil.
    func measure(base: String, mode: String, ids: [String], rate: Int?) throws -> PhaseResult {
        let copy = "\(workspaceDirectory)/route-run.sqlite"
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try FileManager.default.copyItem(atPath: base, toPath: copy)
        let server = try ServerProcess(db: copy, sync: mode)
        defer { server.stop() }

        let warmup = (rate ?? 0) * 3
        let load = LoadGenerator(port: server.port, token: server.token, connections: connections)
        var result: PhaseResult
        if let rate {
            _ = try load.openLoop(ids: Array(ids.prefix(warmup)), rate: rate)
            result = try load.openLoop(ids: Array(ids.dropFirst(warmup).prefix(rate * seconds)), rate: rate)
        } else {
            result = try load.closedLoop(ids: ids, seconds: seconds)
        }
        server.stop()
        let routed = try Workspace.open(at: copy, access: .readOnly).read { r in
            try r.ledger.entries().filter { $0.kind == .routed }.count
        }
        result.durable = routed == result.answered + warmup
        if !result.durable { print("ledger holds \(routed) routed rows for \(result.answered) answers") }
        return result
    }

    /// Median and p99 of `fsync` after a 4 KiB write in `directory`, as text.
    static func fsyncMilliseconds(directory: String) -> String {
        let path = "\(directory)/fsync-probe"
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        guard fd >= 0 else { return "an unknown time" }
        defer { close(fd); unlink(path) }
        let block = [UInt8](repeating: 120, count: 4096)
        var times: [Double] = []
        for i in 0 ..< 200 {
            _ = block.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096, off_t((i % 16) * 4096)) }
            let start = monotonicNanoseconds()
            fsync(fd)
            times.append(Double(monotonicNanoseconds() - start) / 1e6)
        }
        times.sort()
        return String(format: "%.1f ms, %.1f ms", times[100], times[197])
    }
}

/// What one phase measured.
struct PhaseResult {
    var answered: Int
    var errors: Int
    var seconds: Double
    /// Milliseconds, sorted.
    var latencies: [Double]
    var durable = false

    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        return latencies[min(latencies.count - 1, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1)]
    }

    func row(mode: String, phase: String, run: Int) -> String {
        let f = { (x: Double) in String(format: "%.2f", x) }
        return "| \(mode) | \(phase) | \(run) | \(answered) | \(errors)\(durable ? "" : " (ledger mismatch)") | "
            + "\(String(format: "%.0f", Double(answered) / seconds)) | \(f(percentile(50))) | \(f(percentile(90))) | "
            + "\(f(percentile(99))) | \(f(percentile(99.9))) | \(f(latencies.last ?? .nan)) |"
    }
}
