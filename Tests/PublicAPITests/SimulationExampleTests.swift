import DynamicBooks
import Testing

/// The README's simulation example, run as written, with only `import DynamicBooks`: the
/// behaviour model is a protocol an embedding service can implement.
@Suite("Simulation example")
struct SimulationExampleTests {
    @Test("simulate static territories against a policy with a behaviour model of one's own")
    func example() throws {
        // README: begin
        /// Reps that work every account they own; accounts open an opportunity with their score.
        struct Diligent: BehaviourModel {
            var workRate = 0.5
            var viewNoise = 0.0
            var conversionChance = 0.2
            var returnChance = 0.0
            var inboundPerWeek = 2
            func diligence(of rep: Rep, draw: Double) -> Double { 1 }
            func opportunityChance(score: Double, tier: Tier) -> Double { score / 1_000 }
        }

        var random = SeededGenerator(seed: 42)
        let data = Generator(.init(accounts: 300, reps: 4, segments: 1, theaters: 1)).generate(using: &random)
        let simulation = Simulation(
            accounts: data.accounts, reps: data.reps, truth: data.policy,
            scenarios: [.staticBaseline, .dynamic("dynamic", policy: data.policy)],
            behaviour: Diligent(), weeks: 8, runs: 3, seed: 7, start: Day(year: 2026, month: 12, day: 1))
        let result = try simulation.run()
        for arm in result.arms {
            let opportunities = arm.outcomes["opportunities"]!
            print(arm.name, opportunities.mean, "90%:", opportunities.low, "…", opportunities.high)
        }
        let difference = result.arms[1].differenceToFirst["opportunities"]!
        print("dynamic − static:", difference.mean, "[", difference.low, ",", difference.high, "]")
        // README: end
        #expect(result.arms.map(\.name) == ["static", "dynamic"])
        #expect(difference.low <= difference.mean && difference.mean <= difference.high)
        #expect(result.arms[0].differenceToFirst.isEmpty)
    }
}
