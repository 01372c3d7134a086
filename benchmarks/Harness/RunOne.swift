import ArgumentParser
import AssignmentEngine
import Foundation

/// One measured solve, in its own process; prints one JSON line.
struct RunOne: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run-one", abstract: "Solve one generated instance once (used by the harness).")

    @Option var suite: String
    @Option var items: Int
    @Option var bins: Int
    @Option var cells: Int
    @Option var seed: UInt64 = 1
    @Option var weights: String = "1"
    @Option var fairness: String = "off"
    @Option(help: "One of \(SolverRegistry.names.joined(separator: ", ")).") var solver: SolverChoice = .auto
    @Option(name: .customLong("time-limit")) var timeLimit: Double = 60

    func run() throws {
        let spec = InstanceSpec(suite: suite, items: items, bins: bins, cells: cells, seed: seed,
                                weights: weights.split(separator: ",").compactMap { Double($0) }, fairness: fairness)
        let model = spec.build()
        let result = Measurement.solve(model, solver: solver, timeLimit: timeLimit)
        print(String(decoding: try JSONEncoder.sorted.encode(result), as: UTF8.self))
    }
}

extension SolverChoice: ExpressibleByArgument {}

/// What one run measured.
struct RunResult: Codable, Sendable {
    var solver: String
    var status: String
    var objective: Double?
    var bound: Double?
    var seconds: Double
    var peakMB: Double
    var error: String?
}

enum Measurement {
    static func solve(_ model: AssignmentModel, solver: SolverChoice, timeLimit: Double) -> RunResult {
        let start = ContinuousClock.now
        do {
            let s = try Engine.solve(model, using: solver, options: SolveOptions(timeLimit: timeLimit))
            let violated = s.violatedRows.isEmpty ? "" : " (\(s.violatedRows.count) rows violated)"
            return RunResult(solver: s.solver, status: s.status.rawValue + violated, objective: s.objective, bound: s.bound,
                             seconds: seconds(since: start), peakMB: peakMemoryMB())
        } catch {
            return RunResult(solver: solver.rawValue, status: "failed", objective: nil, bound: nil,
                             seconds: seconds(since: start), peakMB: peakMemoryMB(), error: "\(error)")
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Peak resident memory of this process, in MB.
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
        return Double(usage.ru_maxrss) / 1024   // kilobytes on Linux
        #else
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
