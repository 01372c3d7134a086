import AssignmentEngine
import Testing
@testable import DynamicBooks

/// The model the planner hands to solvers, row by row.
@Suite("Plan: model building")
struct PlanModelBuildingTests {
    typealias F = PlanFixture

    @Test("items and bins are sorted by id whatever the input order; arcs by item then bin")
    func ordering() throws {
        let instance = PlanInstance(
            accounts: [F.account("b", score: 60), F.account("c", score: 70, owner: "r2"), F.account("a", score: 50)],
            reps: [F.rep("r2"), F.rep("r1", specialties: ["Software"])], policy: F.policy())
        let model = try instance.model()
        #expect(model.reps.map(\.id) == ["r1", "r2"])
        #expect(model.model.binNames == ["r1", "r2"])
        #expect(model.model.itemNames == ["a", "b", "c"])
        #expect(model.model.arcStart == [0, 2, 4, 6])
        #expect(model.model.arcBin == [0, 1, 0, 1, 0, 1])
        #expect(model.model.arcValue == [50, 50, 60, 60, 70, 70 * 1.25])
        #expect(model.model.sideRows.isEmpty)
        #expect(FlowSolver.applies(to: model.model))
    }

    @Test("kept accounts are fixed arcs; unowned customers must be assigned")
    func fixedAndMustAssign() throws {
        let instance = PlanInstance(
            accounts: [F.account("a", owner: "r2", locked: true), F.account("b", owner: "r1", customer: true),
                       F.account("c", customer: true), F.account("d", owner: "r1")],
            reps: [F.rep("r1"), F.rep("r2")], policy: F.policy())
        let model = try instance.model()
        #expect(model.items.map(\.keep) == [.locked, .customer, nil, nil])
        #expect(model.items.map(\.fixedBin) == [1, 0, nil, nil])
        #expect(model.model.mustAssign == [false, false, true, false])
        #expect(model.model.fixedArcs.map { model.model.arcBin[$0] } == [1, 0])
        #expect(model.model.arcs(ofItem: 0).count == 1)   // a kept item has only its arc

        let topoff = try instance.model(mode: .topoff)
        #expect(topoff.items.map(\.keep) == [.locked, .customer, nil, .book])
    }

    @Test("fairness rows: a floor per rep (soft: penalised), plus a ceiling in hard mode")
    func fairnessRows() throws {
        var instance = PlanInstance(
            accounts: [F.account("a", score: 80), F.account("b", score: 40)],
            reps: [F.rep("r1", capacity: 3), F.rep("r2", capacity: 1), F.rep("solo", theaters: ["EMEA"])],
            policy: F.policy(fairness: .soft, band: 0.2, penalty: 2))
        let soft = try instance.model()
        #expect(soft.model.sideRows.map(\.name) == ["fairness floor (group SMB/NA, rep r1)",
                                                    "fairness floor (group SMB/NA, rep r2)"])
        #expect(soft.rowMeanings.map(\.kind) == [.fairnessFloor, .fairnessFloor])
        // Floor of r2: V(r2) − 0.8 · ¼ · V(G) over arcs a→r1, a→r2, b→r1, b→r2.
        let floor = soft.model.sideRows[1]
        #expect(floor.arcs == [0, 1, 2, 3])
        let expected = [80 * -0.2, 80 * 0.8, 40 * -0.2, 40 * 0.8]
        #expect(zip(floor.coefficients, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(floor.lower == 0 && floor.upper == nil && floor.deviationPenalty == 2)
        #expect(soft.groups.map(\.name) == ["SMB/EMEA", "SMB/NA"])

        instance.policy.assignment.fairnessMode = .hard
        let hard = try instance.model()
        #expect(hard.model.sideRows.count == 4)
        #expect(hard.model.sideRows.allSatisfy { $0.deviationPenalty == nil })
        let ceiling = hard.model.sideRows[1]
        #expect(ceiling.name == "fairness ceiling (group SMB/NA, rep r1)")
        #expect(ceiling.upper == 0 && ceiling.lower == nil)
        #expect(abs(ceiling.coefficients[0] - 80 * (1 - 1.2 * 0.75)) < 1e-12)
        #expect(try instance.model(mode: .topoff).model.sideRows.count == 2)   // hard is soft in top-off

        instance.policy.assignment.fairnessMode = .off
        #expect(try instance.model().model.sideRows.isEmpty)
    }

    @Test("large groups get sparse fairness rows against an estimated group value")
    func estimatedFairnessRows() throws {
        var instance = PlanInstance(
            accounts: [F.account("a", score: 80), F.account("b", score: 40), F.account("c", score: 30, workload: 3)],
            reps: [F.rep("r1", capacity: 3), F.rep("r2", capacity: 1)],
            policy: F.policy(fairness: .hard, band: 0.2))
        #expect(try instance.model().fairnessForm == .exact)
        let model = try instance.model(fairnessTermBudget: 0)
        #expect(model.fairnessForm == .estimated)
        // Best first by score per unit: a (80) and b (40) fill 2 of 4 units; c (10 per unit) needs 3.
        #expect(model.estimatedGroupValues == [120])
        let rows = model.model.sideRows
        #expect(rows.map(\.name) == ["fairness floor (group SMB/NA, rep r1)", "fairness ceiling (group SMB/NA, rep r1)",
                                     "fairness floor (group SMB/NA, rep r2)", "fairness ceiling (group SMB/NA, rep r2)"])
        #expect(rows.allSatisfy { row in row.arcs.allSatisfy { model.model.arcBin[$0] == model.model.arcBin[row.arcs[0]] } })
        #expect(rows[2].arcs.map { model.model.arcBin[$0] } == [1, 1] && rows[2].coefficients == [80, 40])
        #expect(abs((rows[2].lower ?? 0) - 0.8 * 0.25 * 120) < 1e-9)
        #expect(abs((rows[3].upper ?? 0) - 1.2 * 0.25 * 120) < 1e-9)
        instance.policy.assignment.fairnessMode = .off
        #expect(try instance.model(fairnessTermBudget: 0).model.sideRows.isEmpty)
    }

    @Test("a move-limit row appears only where it can bind, counting accounts owned by others")
    func continuityRows() throws {
        var instance = PlanInstance(
            accounts: [F.account("a", owner: "r1"), F.account("b", owner: "r1"),
                       F.account("p", owner: "r1"), F.account("c", owner: "r2", parent: "p")],
            reps: [F.rep("r1"), F.rep("r2")], policy: F.policy(maxMoves: 1))
        let model = try instance.model()
        // r2 could take a, b and the family {p, c} (1 move): 3 > 1. r1 could take the family (1 move): no row.
        #expect(model.model.sideRows.map(\.name) == ["move limit (rep r2)"])
        #expect(model.model.sideRows[0].coefficients == [1, 1, 1])
        #expect(model.model.sideRows[0].upper == 1)
        instance.policy.assignment.maxMovesPerRep = 3
        #expect(try instance.model().model.sideRows.isEmpty)
    }

    @Test("an account whose parent is missing still shares an item with its siblings")
    func missingParent() throws {
        let instance = PlanInstance(
            accounts: [F.account("x", parent: "gone"), F.account("y", parent: "gone"), F.account("z")],
            reps: [F.rep("r1")], policy: F.policy())
        let model = try instance.model()
        #expect(model.items.map(\.accounts) == [[0, 1], [2]])
    }

    @Test("reps and segments match case-insensitively; a specialty matches its industry")
    func caseInsensitive() throws {
        let instance = PlanInstance(
            accounts: [F.account("a", segment: "smb", theater: "na", score: 40, industry: "software")],
            reps: [F.rep("r1", segment: "SMB", theaters: ["NA"], specialties: ["Software"])], policy: F.policy())
        let model = try instance.model()
        #expect(model.model.arcValue == [40 * 1.15])
    }
}
