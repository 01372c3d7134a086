import ArgumentParser
import Foundation

/// The benchmark harness: instance suites × solvers → objective, bound, gap, time, peak memory.
///
/// Every measured run happens in a child process (`run-one`), so its peak memory is its own and a
/// crash or a runaway solver cannot take the harness down.
@main
struct BenchmarksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "BooksBenchmarks",
        abstract: "Measure DynamicBooks' solvers and pipeline; write benchmarks/results.md and an SVG chart.",
        subcommands: [EngineBenchmark.self, GAPBenchmark.self, RunOne.self, ExportCommand.self, PeersBenchmark.self, FairBindBenchmark.self,
                      RouteBenchmark.self, PlanBenchmark.self],
        defaultSubcommand: EngineBenchmark.self
    )
}
