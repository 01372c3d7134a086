import Testing
import TestSupport
@testable import AssignmentEngine

/// Mutated OR-Library GAP files never crash the reader or the solvers behind `books gap`.
@Suite("Fuzzing the GAP reader")
struct GAPFuzzTests {
    /// Two small problems: 2 agents × 3 jobs and 3 × 2.
    static let file = """
    2
     2 3
     4 1 3
     2 6 5
     3 2 2
     1 4 3
     5 4
     3 2
     7 1
     4 6
     1 2
     3 1
     2 3
     1 1
     4 4 4

    """

    static let tokens = ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "1000000001", "-1000000001",
                         "1e9", "0", "-1", "1.5", "0x10", "", "\u{0}", "٣", "1000000000", "1000000000000", "1000000"]

    func mutate(_ text: String, using rng: inout SplitMix64) -> String {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        for _ in 0 ..< Int.random(in: 1 ... 3, using: &rng) {
            let at = Int.random(in: 0 ..< tokens.count, using: &rng)
            switch Int.random(in: 0 ..< 4, using: &rng) {
            case 0: tokens.remove(at: at)
            case 1: tokens.insert(Self.tokens.randomElement(using: &rng) ?? "", at: at)
            default: tokens[at] = Self.tokens.randomElement(using: &rng) ?? ""
            }
            if tokens.isEmpty { tokens = ["1"] }
        }
        return tokens.map { $0 + (Bool.random(using: &rng) ? " " : "\n") }.joined()
    }

    @Test("Mutated GAP files: read and solved, or refused with line, column and the allowed range")
    func mutatedFiles() throws {
        #expect(try GAPInstance.parse(Self.file, file: "fuzz.txt").count == 2)
        var rng = SplitMix64(seed: 1919)
        var run = FuzzRun("gap", base: 600)
        for _ in 0 ..< run.iterations {
            let text = mutate(Self.file, using: &rng)
            let error = run.execute {
                for instance in try GAPInstance.parse(text, file: "fuzz.txt") where instance.agents * instance.jobs <= 400 {
                    for sense in GAPSense.allCases {
                        let model = instance.model(sense: sense)
                        let options = SolveOptions(timeLimit: 10, parallelism: 1)
                        if let solution = try? Engine.solve(model, using: .greedy, options: options) {
                            let agents = solution.chosenArc.map { $0.map { Int(model.arcBin[$0]) } ?? 0 }
                            _ = instance.totalCost(agentOfJob: agents)
                        }
                        _ = try? FlowSolver().solve(model, options: options)
                    }
                }
            }
            if let error {
                #expect(error is GAPParseError, "\(error)")
                #expect(!"\(error)".contains("\n"), "\(error)")
            }
        }
        run.report()
        #expect(run.accepted > 0 && run.rejected > 0)
    }
}
