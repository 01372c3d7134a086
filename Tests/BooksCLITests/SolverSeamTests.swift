import AssignmentEngine
@testable import BooksCLI
import DynamicBooks
import Foundation
import Testing

/// A solver added as an embedder adds one — ``FirstFitSolver`` in its own file and the one
/// registration line below — is reachable from `books plan --solver` and the policy's
/// `assignment.solver` without a change to the commands.
@Suite("Solver seam: a registered solver reaches the commands")
struct SolverSeamTests {
    /// The registration line.
    static let firstFit = Result { try SolverRegistry.register(FirstFitSolver(), summary: "fixed arcs, then every item into its best bin with room") }

    /// Fairness off and no move limit: the model has no side rows, so a capacity-respecting
    /// first fit is a valid plan.
    static let policy = "assignment:\n  fairness:\n    mode: off\n  continuity:\n    max_moves_per_rep: unlimited\n"

    /// Rows of a CSV file after its header, split on commas (the test data has no quoted fields).
    static func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("books plan --solver first-fit: listed in the help, parsed, and its plan keeps every account once within capacity")
    func planCommand() throws {
        let choice = try Self.firstFit.get()
        #expect(choice.rawValue == "first-fit")
        #expect(SolverChoice.allCases.map(\.rawValue).suffix(1) == ["first-fit"])
        let help = PlanCommand.helpMessage(columns: 200)
        #expect(help.contains("first-fit: fixed arcs, then every item into its best bin with room."))
        #expect(help.contains("ejection, first-fit"))

        let data = try PlanCommandTests.data(policy: Self.policy)
        defer { try? FileManager.default.removeItem(at: data) }
        let out = data.appendingPathComponent("plan")
        let command = try PlanCommand.parse(["--data", data.path, "--out", out.path, "--as-of", "2026-11-30", "--solver", "first-fit"])
        #expect(command.plan.solver == choice)
        try command.run()

        // Checked from the files alone: every account once in books or pool, the locked account
        // kept, no rep over its capacity (one unit per account here).
        let books = try Self.rows(out.appendingPathComponent("books.csv"))
        let pool = try Self.rows(out.appendingPathComponent("pool.csv"))
        let accounts = try Self.rows(data.appendingPathComponent("accounts.csv")).map { $0[0] }
        #expect((books.map { $0[0] } + pool.map { $0[0] }).sorted() == accounts.sorted())
        #expect(books.contains { $0[0] == "e0" && $0[1] == "ent0" })
        let capacity = Dictionary(uniqueKeysWithValues: try Self.rows(data.appendingPathComponent("reps.csv")).map { ($0[0], Int($0[3]) ?? 0) })
        let load = Dictionary(grouping: books, by: { $0[1] }).mapValues(\.count)
        for (rep, n) in load { #expect(n <= capacity[rep] ?? 0, "\(rep) holds \(n)") }
        // First fit fills SMB/NA (three reps of 8, forty mapped accounts) to the brim.
        #expect(["smb0", "smb1", "smb2"].map { load[$0] ?? 0 } == [8, 8, 8])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let solve = try #require(summary["solve"] as? [String: Any])
        #expect(solve["solver"] as? String == "first-fit")
        #expect(solve["status"] as? String == "heuristic")
    }

    @Test("assignment.solver names a registered solver; an unknown one is refused at load with file:line:column and every name")
    func policy() throws {
        _ = try Self.firstFit.get()
        #expect(try PolicyLoader.parse("assignment:\n  solver: first-fit\n").assignment.solver.rawValue == "first-fit")
        let error = try #require(throws: InputError.self) { try PolicyLoader.parse("assignment:\n  solver: first-fir\n") }
        #expect("\(error)".hasPrefix(#"policy.yaml:2:11 (assignment.solver): "first-fir" is not one of auto, glpk, greedy, flow, lagrange, ejection, first-fit"#))
    }

    @Test("an unknown --solver is a usage error; a taken or malformed name is not registered")
    func refusals() throws {
        _ = try Self.firstFit.get()
        do {
            _ = try PlanCommand.parse(["--data", "d", "--solver", "nope"])
            Issue.record("--solver nope was accepted")
        } catch {
            #expect(PlanCommand.exitCode(for: error) == .validationFailure)
            let message = PlanCommand.message(for: error)
            #expect(message.contains("'nope' is invalid for '--solver <solver>'") && message.contains("- first-fit"))
        }
        #expect(throws: SolverRegistry.RegistrationError.nameTaken("first-fit")) {
            try SolverRegistry.register(FirstFitSolver(), summary: "again")
        }
        #expect(throws: SolverRegistry.RegistrationError.nameTaken("glpk")) { try SolverRegistry.register(GLPKSolver(), summary: "bare") }
        struct Shouting: AssignmentSolver {
            let name = "First Fit"
            func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution { throw AssignmentError.invalidModel("unused") }
        }
        #expect(throws: SolverRegistry.RegistrationError.invalidName("First Fit")) { try SolverRegistry.register(Shouting(), summary: "") }
    }
}
