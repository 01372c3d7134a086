import Foundation

/// The operating loop replayed for a number of weeks under several scenarios (SPEC §8
/// "Simulate"): the same accounts, reps and seeded behaviour in every arm, outcomes per arm as a
/// mean over runs with a 90% interval, and each arm's difference to the first.
///
/// ```swift
/// let simulation = Simulation(accounts: data.accounts, reps: data.reps, truth: data.policy,
///                             scenarios: [.staticBaseline, .dynamic("policy", policy: data.policy)],
///                             behaviour: StandardBehaviour(), weeks: 13, runs: 5, seed: 7, start: day)
/// let result = try simulation.run()
/// print(result.arms[1].differenceToFirst["opportunities"]!)
/// ```
///
/// The true propensity of an account — what decides whether working it opens an opportunity — is
/// its score under `truth` (the first policy); each arm plans with its own policy's score.
/// Runs of the arms are spread over the cores; every random number is keyed by what it is about,
/// so the result is the same whatever the core count.
public struct Simulation: Sendable {
    public var accounts: [Account]
    public var reps: [Rep]
    public var truth: Policy
    public var scenarios: [Scenario]
    public var behaviour: any BehaviourModel
    public var weeks: Int
    public var runs: Int
    public var seed: UInt64
    /// The first simulated day (the start of week 1).
    public var start: Day
    /// Threads for the runs (1 = in order on the calling thread); the result does not depend on it.
    public var parallelism: Int

    public init(accounts: [Account], reps: [Rep], truth: Policy, scenarios: [Scenario], behaviour: any BehaviourModel,
                weeks: Int = 26, runs: Int = 5, seed: UInt64 = 1, start: Day,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.accounts = accounts; self.reps = reps; self.truth = truth; self.scenarios = scenarios
        self.behaviour = behaviour; self.weeks = weeks; self.runs = runs; self.seed = seed; self.start = start
        self.parallelism = parallelism
    }

    /// Checks the parameters and every dynamic arm's policy against the data.
    /// - Throws: ``ScenarioError/badParameter(name:value:rule:)``.
    public func validate() throws {
        guard weeks >= 1, weeks <= 520 else { throw ScenarioError.badParameter(name: "--weeks", value: "\(weeks)", rule: "must be 1…520") }
        guard runs >= 1, runs <= 1000 else { throw ScenarioError.badParameter(name: "--runs", value: "\(runs)", rule: "must be 1…1000") }
        guard !scenarios.isEmpty else { throw ScenarioError.badParameter(name: "--policy", value: "", rule: "give at least one arm") }
        for scenario in scenarios {
            guard case .dynamic(let policy) = scenario.kind else { continue }
            try Self.check(policy, named: scenario.name, reps: reps)
        }
    }

    /// A policy fits the data when it names every segment and theater the reps sell to.
    static func check(_ policy: Policy, named name: String, reps: [Rep]) throws {
        let segments = Set(policy.segments.map { $0.name.lowercased() })
        if !segments.isEmpty, let rep = reps.sorted(by: { $0.id < $1.id }).first(where: { !segments.contains($0.segment.lowercased()) }) {
            throw ScenarioError.badParameter(name: "\(name): segments", value: rep.segment,
                                             rule: "is rep \(rep.id)'s segment but not a segment of the policy; use a policy made for this data")
        }
        let theaters = Set(policy.theaters.map { $0.name.lowercased() })
        if !theaters.isEmpty {
            for rep in reps.sorted(by: { $0.id < $1.id }) {
                if let theater = rep.theaters.first(where: { !theaters.contains($0.lowercased()) }) {
                    throw ScenarioError.badParameter(name: "\(name): theaters", value: theater,
                                                     rule: "is covered by rep \(rep.id) but not a theater of the policy; use a policy made for this data")
                }
            }
        }
    }

    /// Runs every arm `runs` times.
    /// - Parameter progress: called after each simulated week with the arm's name, the run
    ///   (1-based) and the week (1-based), from any thread.
    /// - Throws: ``ScenarioError`` for bad parameters, ``PlanError`` when an arm's first plan fails.
    public func run(progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws -> SimulationResult {
        try validate()
        let world = SimulationWorld(accounts: accounts, reps: reps, truth: truth, behaviour: behaviour, weeks: weeks, start: start)
        let arms = try scenarios.map { try world.arm($0) }
        let jobs = arms.count * runs
        let results = RunResults(count: jobs)
        let random = CommonRandom(seed: seed)
        let work: @Sendable (Int) -> Void = { job in
            let arm = job / runs, run = job % runs
            var engine = ArmRun(world: world, arm: arms[arm], random: random, run: run)
            results.set(job, engine.simulate { week in progress?(arms[arm].name, run + 1, week) })
        }
        if parallelism <= 1 || jobs == 1 {
            for job in 0 ..< jobs { work(job) }
        } else {
            let next = RunResults.Counter()
            DispatchQueue.concurrentPerform(iterations: min(parallelism, jobs)) { _ in
                while let job = next.take(below: jobs) { work(job) }
            }
        }
        let all = results.values
        var outcomes: [ArmOutcome] = []
        for (a, arm) in arms.enumerated() {
            let mine = (0 ..< runs).map { all[a * runs + $0] }
            var estimates: [String: Estimate] = [:], differences: [String: Estimate] = [:], perRun: [String: [Double]] = [:]
            for measure in SimulationMeasure.allCases {
                let values = mine.map { $0.values[measure] ?? 0 }
                estimates[measure.rawValue] = Estimate(values)
                perRun[measure.rawValue] = values
                if a > 0 {
                    differences[measure.rawValue] = Estimate((0 ..< runs).map { values[$0] - (all[$0].values[measure] ?? 0) })
                }
            }
            let weekly = (0 ..< weeks).map { w -> SimulationWeek in
                func mean(_ f: (ArmRun.WeekValues) -> Double) -> Double { mine.reduce(0) { $0 + f($1.weekly[w]) } / Double(runs) }
                return SimulationWeek(week: w + 1, opportunities: mean(\.opportunities), worked: mean(\.worked),
                                      abCoverage: mean(\.abCoverage), abWaiting: mean(\.abWaiting), pool: mean(\.pool),
                                      utilisation: mean(\.utilisation))
            }
            outcomes.append(ArmOutcome(name: arm.name, outcomes: estimates, differenceToFirst: differences, runs: perRun, weekly: weekly))
        }
        return SimulationResult(weeks: weeks, runs: runs, seed: seed, start: start, accounts: accounts.count, reps: reps.count,
                                behaviour: behaviour as? StandardBehaviour, arms: outcomes)
    }
}

/// Results of the runs, written from several threads into their own slots.
final class RunResults: @unchecked Sendable {
    private var slots: [ArmRun.Outcome?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: ArmRun.Outcome) { lock.lock(); slots[index] = outcome; lock.unlock() }

    var values: [ArmRun.Outcome] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }

    /// Hands out job numbers in order.
    final class Counter: @unchecked Sendable {
        private var next = 0
        private let lock = NSLock()
        func take(below limit: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < limit else { return nil }
            next += 1
            return next - 1
        }
    }
}
