import ArgumentParser
import DynamicBooks

/// Dates on the command line are ISO days: `--as-of 2026-11-30`.
extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

/// `--as-of DATE` for every command whose result depends on the date; today (UTC) when omitted,
/// so that a run can be reproduced by passing the day it ran.
public struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to act as of (default: today, UTC).", valueName: "YYYY-MM-DD"),
            transform: WorkspaceDay.parse)
    public var asOf: Day?

    public init() {}

    /// The day given, or today.
    public var day: Day { asOf ?? .today }
}
