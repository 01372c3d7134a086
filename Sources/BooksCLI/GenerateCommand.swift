import ArgumentParser
import DynamicBooks
import Foundation

/// `books generate`: synthetic accounts, reps, activity, return requests and policy, seeded.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic accounts, reps, activity, returns and a matching policy.",
        discussion: """
        The same options and seed always give byte-identical files. With --states the data is the
        regulated variant: accounts in US states, theaters are the states the seller is licensed in.
        """)

    @Option(help: "Number of accounts.")
    var accounts = 5_000

    @Option(help: "Number of reps.")
    var reps = 40

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 1

    @Option(help: "Directory to write accounts.csv, reps.csv, activity.csv, returns.csv and policy.yaml into.")
    var out: String

    @Option(help: "Number of segments: 1 (ALL), 2 (SMB, ENT) or 3 (SMB, MM, ENT).")
    var segments = 3

    @Option(help: "Number of theaters the policy maps (NA, EMEA, APAC, LATAM; with --states: NY, NJ, PA, CT, MA, IL, TX, CA).")
    var theaters = 3

    @Flag(help: "Regulated variant: US accounts, theaters are licensed states.")
    var states = false

    @Option(name: .customLong("owned-share"), help: "Share of accounts already owned (0–1).")
    var ownedShare = 0.35

    @Flag(name: .customLong("no-activity"), help: "Do not write activity.csv.")
    var noActivity = false

    @Option(name: .customLong("as-of"), help: "The day the data describes (YYYY-MM-DD).", transform: WorkspaceDay.parse)
    var asOf: Day = Generator.Configuration().asOf

    var generatorConfiguration: Generator.Configuration {
        Generator.Configuration(accounts: accounts, reps: reps, segments: segments, theaters: theaters,
                                states: states, asOf: asOf, activity: !noActivity, ownedShare: ownedShare)
    }

    func validate() throws {
        if let problem = generatorConfiguration.problems.first { throw ValidationError(problem) }
    }

    func run() throws {
        var rng = SeededGenerator(seed: seed)
        let data = Generator(generatorConfiguration).generate(using: &rng)
        try data.write(to: URL(fileURLWithPath: out))
        print("wrote \(data.accounts.count) accounts, \(data.reps.count) reps, \(data.activity.count) activities, "
              + "\(data.returns.count) return requests and policy.yaml to \(out)")
    }
}
