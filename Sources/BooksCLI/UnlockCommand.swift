import ArgumentParser

/// `books unlock ACCOUNT`.
struct UnlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Lift a lock made with `books assign --lock`; later plans may move the account again.")
    @OptionGroup var options: AccountOverrideOptions

    func run() throws {
        try options.perform { try $0.unlock($1, author: $2) }
    }
}
