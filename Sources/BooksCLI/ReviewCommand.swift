import ArgumentParser

/// `books review clear ACCOUNT`.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Data review: accounts returned as bad_data wait here until their data is fixed.",
        subcommands: [Clear.self])

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take an account out of data review: plans may assign it again.")
        @OptionGroup var options: AccountOverrideOptions

        func run() throws {
            try options.perform { try $0.clearReview($1, author: $2) }
        }
    }
}
