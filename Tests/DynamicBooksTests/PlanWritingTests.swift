import AssignmentEngine
import Foundation
import Testing
@testable import DynamicBooks

/// The files a plan writes, and their determinism.
@Suite("Plan: files")
struct PlanWritingTests {
    typealias F = PlanFixture

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("plan-tests-\(UUID().uuidString)")
    }

    static func files(in directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            result[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return result
    }

    @Test("books, pool, changes and summary files hold the plan")
    func contents() throws {
        let instance = PlanInstance(
            accounts: [F.account("a,1", score: 60.5, owner: "r2", industry: "Software"), F.account("b", score: 20),
                       F.account("c\"q", score: 90, owner: "r1")],
            reps: [F.rep("r1", capacity: 0), F.rep("r2", capacity: 2, specialties: ["Software"])],
            policy: F.policy())
        let plan = try instance.plan(using: EngineChoice(choice: .auto))
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan.write(to: directory)
        let files = try Self.files(in: directory)
        #expect(files.keys.sorted() == ["books.csv", "changes.csv", "pool.csv", "summary.json"])   // no temporaries left
        #expect(String(decoding: files["books.csv"] ?? Data(), as: UTF8.self) == """
            account_id,rep_id,value,tier
            "a,1",r2,86.96875,B
            "c""q",r2,90,A

            """)
        #expect(String(decoding: files["pool.csv"] ?? Data(), as: UTF8.self) == "account_id,reason,tier\nb,below_min_tier,D\n")
        #expect(String(decoding: files["changes.csv"] ?? Data(), as: UTF8.self) == """
            account_id,from_rep,to_rep,reason
            "a,1",r2,r2,kept
            "c""q",r1,r2,moved

            """)
        let json = try #require(try JSONSerialization.jsonObject(with: files["summary.json"] ?? Data()) as? [String: Any])
        #expect(json["assigned"] as? Int == 2)
        #expect(json["pooled"] as? Int == 1)
        #expect(json["moves"] as? Int == 1)
        #expect((json["pool_by_reason"] as? [String: Int]) == ["below_min_tier": 1])
        let solve = try #require(json["solve"] as? [String: Any])
        #expect(solve["status"] as? String == "optimal")
        #expect(solve["seconds"] == nil)   // no timings in files
        let reps = try #require(json["reps"] as? [[String: Any]])
        #expect(reps.map { $0["id"] as? String } == ["r1", "r2"])
        #expect((reps[1]["tiers"] as? [String: Int]) == ["A": 1, "B": 1, "C": 0, "D": 0])

        // Writing again over the same files replaces them.
        try plan.write(to: directory)
        #expect(try Self.files(in: directory) == files)
    }

    @Test("the same input gives byte-identical files, whatever the order of the input and the parallelism",
          arguments: [UInt64(3), 5, 8])
    func determinism(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let instance = PlanFixture.random(accounts: 200, reps: 12, fairness: .soft, maxMoves: 4, using: &rng)
        var shuffled = instance
        shuffled.accounts.shuffle(using: &rng)
        shuffled.reps.shuffle(using: &rng)
        for mode in PlanMode.allCases {
            var outputs: [[String: Data]] = []
            for (input, parallelism) in [(instance, 1), (shuffled, 2), (instance, 2)] {
                let plan = try input.plan(mode: mode, using: EngineChoice(choice: .auto),
                                          options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, parallelism: parallelism))
                let directory = Self.temporaryDirectory()
                defer { try? FileManager.default.removeItem(at: directory) }
                try plan.write(to: directory)
                outputs.append(try Self.files(in: directory))
            }
            #expect(outputs[0] == outputs[1])
            #expect(outputs[0] == outputs[2])
        }
    }

    @Test("numbers print the same way everywhere: at most six decimals, no trailing zeros")
    func numbers() {
        #expect(PlanNumber.text(12) == "12")
        #expect(PlanNumber.text(86.96875) == "86.96875")
        #expect(PlanNumber.text(1.0 / 3) == "0.333333")
        #expect(PlanNumber.text(-2.5) == "-2.5")
        #expect(PlanNumber.text(0.1 + 0.2) == "0.3")
        #expect(PlanNumber.text(-0.0000001) == "0")
        #expect(PlanNumber.text(0.00005) == "0.00005")
    }

    @Test("the Gini coefficient of value per capacity unit")
    func gini() {
        #expect(FairnessMeasure.gini([5, 5, 5]) == 0)
        #expect(abs(FairnessMeasure.gini([0, 0, 0, 4]) - 0.75) < 1e-12)
        #expect(abs(FairnessMeasure.gini([1, 3]) - 0.25) < 1e-12)
        #expect(FairnessMeasure.gini([]) == 0)
    }
}
