import AssignmentEngine
import Testing
@testable import DynamicBooks

/// Unsatisfiable policies and bad input give errors that say what to change.
@Suite("Plan: errors")
struct PlanErrorTests {
    typealias F = PlanFixture

    /// A solver that cannot say which constraint is at fault.
    struct Mute: AssignmentSolver {
        let name = "mute"
        func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
            throw AssignmentError.infeasible(reasons: ["LP relaxation infeasible"])
        }
    }

    /// A solver that drops every kept arc.
    struct Liar: AssignmentSolver {
        let name = "liar"
        func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
            AssignmentSolution(chosenArc: Array(repeating: nil, count: model.itemCount), status: .optimal,
                               objective: 0, bound: 0, deviations: [], solver: name, seconds: 0)
        }
    }

    /// r1 keeps a locked 90; r2 can only get the 20. Hard fairness (band 0.15) needs both ratios
    /// within 0.85…1.15 of ½·V(G): impossible.
    static let lockedBooks = PlanInstance(
        accounts: [F.account("big", score: 90, owner: "r1", locked: true), F.account("small", score: 20, tier: .c)],
        reps: [F.rep("r1", capacity: 2), F.rep("r2", capacity: 2)],
        policy: F.policy(fairness: .hard))

    @Test("hard fairness broken by locked books names the group, the reps and the keys to relax")
    func hardFairnessWithLockedBooks() throws {
        let error = try #require(throws: PlanError.self) { try Self.lockedBooks.plan() }
        guard case .infeasible(let reasons, let hints) = error else { Issue.record("\(error)"); return }
        #expect(!reasons.isEmpty)
        let text = error.description
        #expect(text.contains("group SMB/NA"))
        #expect(text.contains("r1"))
        #expect(text.contains("assignment.fairness.band"))
        #expect(text.contains("assignment.fairness.mode"))
        #expect(text.contains("r1 keeps 1 account of score 90"))
        #expect(hints.count == 1)

        var soft = Self.lockedBooks
        soft.policy.assignment.fairnessMode = .soft
        #expect(try soft.plan().owner(of: "big") == "r1")
    }

    @Test("a solver that names no row still gets hints about the hard rows of kept books")
    func muteSolver() throws {
        let error = try #require(throws: PlanError.self) { try Self.lockedBooks.plan(using: Mute()) }
        #expect(error.description.contains("group SMB/NA"))
        #expect(error.description.contains("LP relaxation infeasible"))
    }

    @Test("kept accounts over a rep's capacity name the rep, the load and the keys")
    func keptOverCapacity() throws {
        let instance = PlanInstance(
            accounts: [F.account("a", owner: "r1", locked: true), F.account("b", owner: "r1", customer: true),
                       F.account("c", owner: "r1", workload: 2, lastActivity: F.asOf - 1)],
            reps: [F.rep("r1", capacity: 2)], policy: F.policy())
        var policy = instance.policy
        policy.coverage.minActivities = 1
        let error = try #require(throws: PlanError.self) {
            try PlanInstance(accounts: instance.accounts, reps: instance.reps, policy: policy).plan()
        }
        #expect(error == .keptOverCapacity(rep: "r1", load: 4, capacity: 2, kept: [.locked: 1, .customer: 1, .worked: 1]))
        #expect(error.description.contains("rep r1 must keep 4 units"))
        #expect(error.description.contains("assignment.lock_customers"))
        #expect(error.description.contains("assignment.continuity.keep_worked"))
        // Top-off keeps such a book and adds nothing to it.
        let topoff = try PlanInstance(accounts: instance.accounts, reps: instance.reps, policy: policy).plan(mode: .topoff)
        #expect(topoff.book(of: "r1").count == 3)
    }

    @Test("a customer that fits no eligible rep is named")
    func customerWithoutRoom() throws {
        let instance = PlanInstance(accounts: [F.account("big", customer: true, workload: 5)],
                                    reps: [F.rep("r1", capacity: 2)], policy: F.policy())
        let error = try #require(throws: PlanError.self) { try instance.plan() }
        #expect(error.description.contains("customer big (workload 5) must be assigned but no eligible rep has room (r1)"))
    }

    @Test("bad input is rejected with what to fix")
    func badInput() throws {
        let duplicate = PlanInstance(accounts: [F.account("a"), F.account("a")], reps: [F.rep("r1")], policy: F.policy())
        #expect(throws: PlanError.duplicateAccount("a")) { try duplicate.plan() }
        let reps = PlanInstance(accounts: [], reps: [F.rep("r1"), F.rep("r1")], policy: F.policy())
        #expect(throws: PlanError.duplicateRep("r1")) { try reps.plan() }
        let ramp = PlanInstance(accounts: [], reps: [F.rep("r1", ramp: 1.5)], policy: F.policy())
        let error = try #require(throws: PlanError.self) { try ramp.plan() }
        #expect(error.description == "the ramp of rep r1 is 1.5: a ramp is a share between 0 and 1")
        var band = PlanInstance(accounts: [], reps: [], policy: F.policy())
        band.policy.assignment.fairnessBand = -0.1
        #expect(throws: PlanError.self) { try band.plan() }
        let nan = PlanInstance(accounts: [F.account("a", score: .nan)], reps: [], policy: F.policy())
        #expect(throws: PlanError.self) { try nan.plan() }
    }

    @Test("a solver answer that breaks the model is refused")
    func invalidSolution() throws {
        let instance = PlanInstance(accounts: [F.account("a", owner: "r1", locked: true)], reps: [F.rep("r1")],
                                    policy: F.policy())
        let error = try #require(throws: PlanError.self) { try instance.plan(using: Liar()) }
        #expect(error.description.hasPrefix("solver liar returned an invalid plan: the kept arc 0 (rep r1) was dropped"))
    }
}
