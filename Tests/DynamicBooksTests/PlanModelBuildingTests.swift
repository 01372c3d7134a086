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

    @Test("fairness rows: a floor per rep (soft: penalised), plus a ceiling in hard mode, over book aggregates")
    func fairnessRows() throws {
        var instance = PlanInstance(
            accounts: [F.account("a", score: 80), F.account("b", score: 40)],
            reps: [F.rep("r1", capacity: 3), F.rep("r2", capacity: 1), F.rep("solo", theaters: ["EMEA"]),
                   F.rep("away", capacity: 4, unavailableUntil: F.asOf + 1)],
            policy: F.policy(fairness: .soft, band: 0.2, penalty: 2))
        let soft = try instance.model()
        // Bins: away, r1, r2, solo. The compared reps of SMB/NA are r1 and r2 (away is on leave).
        #expect(soft.groups.map(\.name) == ["SMB/EMEA", "SMB/NA"])
        #expect(soft.groups[1].comparedBins == [1, 2] && soft.groups[1].comparedCapacity == 4)
        #expect(soft.model.aggregates.map(\.name) == ["book score of rep r1", "book score of rep r2"])
        // V(r2) = 80·x(a, r2) + 40·x(b, r2).
        #expect(soft.model.aggregates[1].arcs.map { soft.model.arcBin[$0] } == [2, 2])
        #expect(soft.model.aggregates[1].coefficients == [80, 40])
        #expect(soft.model.sideRows.map(\.name) == ["fairness floor (group SMB/NA, rep r1)",
                                                    "fairness floor (group SMB/NA, rep r2)"])
        #expect(soft.rowMeanings.map(\.kind) == [.fairnessFloor, .fairnessFloor])
        // Floor of r2: V(r2) − 0.8 · ¼ · (V(r1) + V(r2)) ≥ 0.
        let floor = soft.model.sideRows[1]
        #expect(floor.arcs.isEmpty && floor.aggregates == [0, 1])
        #expect(zip(floor.aggregateCoefficients, [-0.2, 0.8]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(floor.lower == 0 && floor.upper == nil && floor.deviationPenalty == 2)

        instance.policy.assignment.fairnessMode = .hard
        let hard = try instance.model()
        #expect(hard.model.sideRows.count == 4)
        #expect(hard.model.sideRows.allSatisfy { $0.deviationPenalty == nil })
        let ceiling = hard.model.sideRows[1]
        #expect(ceiling.name == "fairness ceiling (group SMB/NA, rep r1)")
        #expect(ceiling.upper == 0 && ceiling.lower == nil)
        #expect(zip(ceiling.aggregateCoefficients, [1 - 1.2 * 0.75, -1.2 * 0.75]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(try instance.model(mode: .topoff).model.sideRows.count == 2)   // hard is soft in top-off

        instance.policy.assignment.fairnessMode = .off
        let off = try instance.model()
        #expect(off.model.sideRows.isEmpty && off.model.aggregates.isEmpty)
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
