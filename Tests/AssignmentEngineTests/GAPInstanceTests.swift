import Testing
@testable import AssignmentEngine

@Suite("GAPInstance")
struct GAPInstanceTests {
    @Test("gap1.txt reads as five 5 × 15 problems with the file's numbers")
    func gap1() throws {
        let instances = try GAPData.instances("gap1.txt")
        #expect(instances.count == 5)
        let first = try #require(instances.first)
        #expect(first.name == "gap1-1")
        #expect(first.agents == 5 && first.jobs == 15)
        #expect(first.cost[0].prefix(5) == [17, 21, 22, 18, 24])
        #expect(first.resource[0].prefix(5) == [8, 15, 14, 23, 8])
        #expect(first.capacity == [36, 34, 38, 27, 33])
        #expect(first.cost.allSatisfy { $0.count == 15 } && first.resource.allSatisfy { $0.count == 15 })
    }

    @Test("every data file parses, with the sizes the README gives")
    func allFiles() throws {
        for k in 1 ... 12 {
            let instances = try GAPData.instances("gap\(k).txt")
            #expect(instances.count == 5, "gap\(k).txt")
        }
        let chuBeasleySizes = [(5, 100), (5, 200), (10, 100), (10, 200), (20, 100), (20, 200)]
        for type in ["a", "b", "c", "d"] {
            let instances = try GAPData.instances("gap\(type).txt")
            #expect(instances.map { [$0.agents, $0.jobs] } == chuBeasleySizes.map { [$0.0, $0.1] }, "gap\(type).txt")
        }
    }

    @Test("the model has one must-assign item per job and one arc per job and agent")
    func model() throws {
        let instance = GAPInstance(name: "t", agents: 2, jobs: 3, cost: [[1, 2, 3], [4, 5, 6]],
                                   resource: [[7, 8, 9], [10, 11, 12]], capacity: [20, 30])
        let max = instance.model(sense: .max)
        #expect(max.itemCount == 3 && max.binCount == 2 && max.arcCount == 6)
        #expect(max.mustAssign == [true, true, true])
        #expect(max.capacities == [20, 30])
        #expect(max.arcs(ofItem: 1) == 2 ..< 4)
        #expect(max.arcBin == [0, 1, 0, 1, 0, 1])
        #expect(max.arcValue == [1, 4, 2, 5, 3, 6])
        #expect(max.arcWeight == [7, 10, 8, 11, 9, 12])
        #expect(max.itemName(0) == "job 1" && max.binName(1) == "agent 2")
        #expect(instance.model(sense: .min).arcValue == [-1, -4, -2, -5, -3, -6])
        #expect(instance.totalCost(agentOfJob: [1, 0, 1]) == 4 + 2 + 6)
    }

    @Test("errors name the file, position, token and what was expected", arguments: [
        ("1\n2 2\n1 2\n3 x\n", GAPParseError(file: "f.txt", line: 4, column: 3, found: "x",
                                             expected: "an integer in -1000000000–1000000000: cost c[2][2] of problem 1")),
        ("1\n2 2\n1 2 3 4\n5 6 7 8\n9", GAPParseError(file: "f.txt", line: 5, column: 2, found: nil,
                                                       expected: "an integer in 0–1000000000000: capacity b[2] of problem 1")),
        ("1 1 2  5 6  -1 2  4", GAPParseError(file: "f.txt", line: 1, column: 13, found: "-1",
                                              expected: "an integer in 0–1000000000: resource a[1][1] of problem 1")),
        ("0", GAPParseError(file: "f.txt", line: 1, column: 1, found: "0",
                            expected: "an integer in 1–1000000: the number of problems P")),
        ("1 1 1 5 6 7 8", GAPParseError(file: "f.txt", line: 1, column: 13, found: "8",
                                        expected: "the end of the file after 1 problem")),
        ("", GAPParseError(file: "f.txt", line: 1, column: 1, found: nil,
                           expected: "an integer in 1–1000000: the number of problems P")),
        ("1 2 0", GAPParseError(file: "f.txt", line: 1, column: 5, found: "0",
                                expected: "an integer in 1–1000000: the number of jobs n of problem 1")),
        ("1 1 1 5 6 99999999999999999999999", GAPParseError(
            file: "f.txt", line: 1, column: 11, found: "99999999999999999999999",
            expected: "an integer in 0–1000000000000: capacity b[1] of problem 1")),
        // Numbers that fit an Int but would overflow sums: refused where they are read.
        ("1 1 1 9223372036854775807 1 1", GAPParseError(
            file: "f.txt", line: 1, column: 7, found: "9223372036854775807",
            expected: "an integer in -1000000000–1000000000: cost c[1][1] of problem 1")),
        ("1 1 1 5 1000000001 1", GAPParseError(
            file: "f.txt", line: 1, column: 9, found: "1000000001",
            expected: "an integer in 0–1000000000: resource a[1][1] of problem 1")),
    ])
    func errors(_ text: String, _ expected: GAPParseError) {
        let error = #expect(throws: GAPParseError.self) { try GAPInstance.parse(text, file: "f.txt") }
        #expect(error == expected)
    }

    @Test("a parse error reads as one line")
    func errorDescription() {
        let error = GAPParseError(file: "gap9.txt", line: 3, column: 7, found: "1.5", expected: "an integer: cost c[1][2] of problem 1")
        #expect(error.description == "gap9.txt:3:7: found \"1.5\"; expected an integer: cost c[1][2] of problem 1")
        let truncated = GAPParseError(file: "gap9.txt", line: 9, column: 1, found: nil, expected: "an integer ≥ 0: capacity b[5] of problem 5")
        #expect(truncated.description == "gap9.txt:9:1: the file ends here; expected an integer ≥ 0: capacity b[5] of problem 5")
    }

    @Test("optima.tsv lists both senses of gap1–12 and the four Chu–Beasley types")
    func optima() throws {
        let optima = try GAPData.optima()
        #expect(optima.count == 144)
        #expect(optima.filter { $0.sense == .max }.count == 60)
        #expect(optima.first == GAPOptimum(file: "gap1.txt", problem: 1, name: "gap1-1", sense: .max,
                                           bestKnown: 336, provenOptimal: true))
        #expect(optima.filter { !$0.provenOptimal }.map(\.name) == ["d20200"])
        #expect(try GAPCase.small().count == 120)
        // Every row points at a problem that exists.
        for optimum in optima { _ = try GAPData.instance(for: optimum) }
    }

    @Test("optima table errors name the line, column and field", arguments: [
        ("file\tproblem\n", GAPParseError(file: "o.tsv", line: 1, column: 1, found: "file\tproblem",
                                          expected: "the header \"file\\tproblem\\tname\\tsense\\tbest_known\\tproven_optimal\"")),
        ("file\tproblem\tname\tsense\tbest_known\tproven_optimal\ngap1.txt\t1\tgap1-1\tup\t336\tyes\n",
         GAPParseError(file: "o.tsv", line: 2, column: 19, found: "up", expected: "\"max\" or \"min\"")),
        ("file\tproblem\tname\tsense\tbest_known\tproven_optimal\ngap1.txt\t0\tgap1-1\tmax\t336\tyes\n",
         GAPParseError(file: "o.tsv", line: 2, column: 10, found: "0", expected: "an integer ≥ 1: the problem number")),
        ("file\tproblem\tname\tsense\tbest_known\tproven_optimal\n\ngap1.txt\t1\tgap1-1\tmax\t336\n",
         GAPParseError(file: "o.tsv", line: 3, column: 1, found: "gap1.txt\t1\tgap1-1\tmax\t336",
                       expected: "6 tab-separated fields (file, problem, name, sense, best_known, proven_optimal), got 5")),
        ("file\tproblem\tname\tsense\tbest_known\tproven_optimal\ngap1.txt\t1\tgap1-1\tmax\t336\tmaybe\n",
         GAPParseError(file: "o.tsv", line: 2, column: 27, found: "maybe", expected: "\"yes\" or \"no\"")),
    ])
    func optimaErrors(_ text: String, _ expected: GAPParseError) {
        let error = #expect(throws: GAPParseError.self) { try GAPOptimum.parseTable(text, file: "o.tsv") }
        #expect(error == expected)
    }
}
