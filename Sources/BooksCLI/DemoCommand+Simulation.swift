import DynamicBooks

extension DemoCommand {
    /// The demo's closing point: static territories against the sample policy's dynamic books,
    /// simulated with the default behaviour model, as one line.
    static func simulationLine(sample: DataSet) throws -> String {
        let simulation = Simulation(accounts: sample.accounts, reps: sample.reps, truth: sample.policy,
                                    scenarios: [.staticBaseline, .dynamic("dynamic", policy: sample.policy)],
                                    behaviour: StandardBehaviour(), weeks: demoWeeks, runs: demoRuns, seed: 1, start: SimulateCommand.defaultStart(sample.accounts))
        let result = try simulation.run()
        let line = SimulateCommand.headline(result) ?? ""
        return "Simulated \(demoWeeks) weeks, \(demoRuns) runs (`books simulate --data data/sample --baseline static --weeks \(demoWeeks) --runs \(demoRuns)`): " + line
    }

    static let demoWeeks = 13
    static let demoRuns = 3
}
