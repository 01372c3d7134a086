import ArgumentParser

/// `books disqualify lift ACCOUNT`.
struct DisqualifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disqualify", abstract: "Disqualified accounts (returned as a poor fit) are never assigned, until lifted.",
        subcommands: [Lift.self])

    struct Lift: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift an account's disqualification: plans may assign it again.")
        @OptionGroup var options: AccountOverrideOptions

        func run() throws {
            try options.perform { try $0.liftDisqualification($1, author: $2) }
        }
    }
}
