import ArgumentParser

/// The `books` command: dynamic books for B2B sales teams.
public struct BooksCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "books",
        abstract: "Dynamic books for B2B sales teams: score, plan, return, retrieve, top off, route.",
        subcommands: [
            GenerateCommand.self,
            ScoreCommand.self,
            CapacityCommand.self,
            PlanCommand.self,
            CompareCommand.self,
            ApplyCommand.self,
            SimulateCommand.self,
            ImportCommand.self,
            ReturnCommand.self,
            RepCommand.self,
            AssignCommand.self,
            UnlockCommand.self,
            ReviewCommand.self,
            DisqualifyCommand.self,
            RetrieveCommand.self,
            ExplainCommand.self,
            ExportCommand.self,
            CycleCommand.self,
            DemoCommand.self,
            GapCommand.self,
            ReportCommand.self,
            RouteCommand.self,
            ServeCommand.self,
        ]
    )
    public init() {}
}
