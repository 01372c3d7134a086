import ArgumentParser
import DynamicBooks

/// The input flags every command that reads data shares: a data directory and per-file overrides.
///
/// `--data DIR` reads `accounts.csv`, `reps.csv`, `policy.yaml`, `activity.csv` and
/// `returns.csv` from DIR (those present); `--accounts FILE` and the others name one file each
/// and win over the directory. With neither, the working directory is the data directory.
public struct InputOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "Directory with accounts.csv, reps.csv, policy.yaml, activity.csv, returns.csv.", valueName: "DIR"))
    public var data: String?

    @Option(name: .customLong("accounts"), help: ArgumentHelp("Accounts file (overrides DIR/accounts.csv).", valueName: "FILE"))
    public var accounts: String?

    @Option(name: .customLong("reps"), help: ArgumentHelp("Reps file (overrides DIR/reps.csv).", valueName: "FILE"))
    public var reps: String?

    @Option(name: .customLong("policy"), help: ArgumentHelp("Policy file (overrides DIR/policy.yaml; defaults apply when absent).", valueName: "FILE"))
    public var policy: String?

    @Option(name: .customLong("activity"), help: ArgumentHelp("Activity file (overrides DIR/activity.csv).", valueName: "FILE"))
    public var activity: String?

    @Option(name: .customLong("returns"), help: ArgumentHelp("Return requests file (overrides DIR/returns.csv).", valueName: "FILE"))
    public var returns: String?

    public init() {}

    /// The files these flags name.
    public var files: InputFiles {
        InputFiles(directory: data, accounts: accounts, reps: reps, policy: policy, activity: activity, returns: returns)
    }

    /// Loads the data set; the kinds in `required` must exist.
    ///
    /// - Throws: ``InputError`` (printed by the command as one line, exit status 1).
    public func load(required: Set<InputFiles.Kind> = [.accounts]) throws -> DataSet {
        try DataSet.load(files, required: required)
    }
}
