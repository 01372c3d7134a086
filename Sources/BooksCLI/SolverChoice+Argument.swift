import ArgumentParser
import AssignmentEngine

/// `--solver NAME` takes any solver of ``SolverRegistry``: the values, their check and the help
/// come from the registry when the command is parsed, so a registered solver needs no change here.
extension SolverChoice: ExpressibleByArgument {}

extension SolverChoice {
    /// The help of a `--solver` option: what no option means and one line per registered solver
    /// (ArgumentParser adds the names, from ``SolverChoice/allCases``).
    static func help(absent: String) -> ArgumentHelp {
        ArgumentHelp("The solver (\(absent)).",
                     discussion: SolverRegistry.entries.map { "\($0.name): \($0.summary)." }.joined(separator: "\n"),
                     valueName: "solver")
    }
}
