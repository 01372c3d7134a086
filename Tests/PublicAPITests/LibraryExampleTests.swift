import DynamicBooks
import Foundation
import Testing

/// The README's "Use it as a library" example, run as written, with only `import DynamicBooks`.
@Suite("Library example")
struct LibraryExampleTests {
    @Test("build accounts, reps and a policy in memory, plan, read the plan")
    func example() throws {
        // README: begin
        var policy = Policy()                      // every key at its documented default
        policy.assignment.fairnessMode = .soft     // the default, spelled out

        let reps = [
            Rep(id: "ana", segment: "SMB", theaters: ["NA"], capacity: 2, specialties: ["Software"]),
            Rep(id: "ben", segment: "SMB", theaters: ["NA"], capacity: 2),
        ]
        let accounts = [   // no scoring rules in the policy: the score column is the score
            Account(id: "acme", segment: "SMB", country: "US", industry: "Software", score: 92),
            Account(id: "globex", segment: "SMB", country: "US", industry: "Retail", score: 71, owner: "ben"),
            Account(id: "initech", segment: "SMB", country: "CA", industry: "Software", score: 64),
            Account(id: "umbrella", segment: "SMB", country: "US", industry: "Health", score: 30),
        ]
        let scored = Scorer(policy: policy).score(accounts)   // tier, theater (US, CA → NA), workload

        let plan = try Planner().plan(accounts: scored, reps: reps, policy: policy,
                                      asOf: Day(year: 2026, month: 11, day: 30), mode: .rebalance)

        for entry in plan.books { print(entry.accountID, "→", entry.repID, entry.value) }
        for entry in plan.pool { print(entry.accountID, "waits:", entry.reason) }
        for rep in plan.summary.reps { print(rep.id, rep.load, "of", rep.capacity, "fairness", rep.fairnessRatio ?? 0) }
        print(plan.summary.solve.status, plan.summary.solve.solver, plan.summary.solve.objective)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("example-plan")
        try plan.write(to: directory)   // books.csv, pool.csv, changes.csv, summary.json
        // README: end
        defer { try? FileManager.default.removeItem(at: directory) }

        // acme goes to the Software specialist; ben keeps globex and, because soft fairness
        // charges for ana's share of value running far ahead of ben's, also gets initech.
        #expect(plan.owner(of: "acme") == "ana")
        #expect(plan.owner(of: "globex") == "ben")
        #expect(plan.owner(of: "initech") == "ben")
        #expect(plan.poolReason(of: "umbrella") == .belowMinTier)
        #expect(plan.summary.solve.status == .optimal)
        #expect(abs(plan.summary.solve.objective - 254.075) < 1e-9)
        #expect(plan.changes.map(\.reason) == [.assigned, .kept, .assigned])
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(written == ["books.csv", "changes.csv", "pool.csv", "summary.json"])

        // A solver can be chosen per call; an unsatisfiable policy says what to relax.
        policy.assignment.fairnessMode = .hard
        policy.assignment.fairnessBand = 0
        let locked = scored.map { account -> ScoredAccount in
            var account = account
            if account.id == "acme" { account.account.owner = "ana"; account.account.locked = true }
            return account
        }
        let error = try #require(throws: PlanError.self) {
            try Planner().plan(accounts: locked, reps: reps, policy: policy,
                               asOf: Day(year: 2026, month: 11, day: 30), solver: .glpk)
        }
        #expect(error.description.contains("group SMB/NA"))
        #expect(error.description.contains("assignment.fairness.band"))
    }
}
