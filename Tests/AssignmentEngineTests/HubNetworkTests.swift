import Testing
@testable import AssignmentEngine

/// The flow fast path with hub nodes and augmentation along tight edges, on instances shaped like
/// dynamic-books cells, against independent truth: brute force on tiny instances and GLPK on
/// cell-sized ones.
@Suite("Flow with hubs")
struct HubNetworkTests {
    /// Runs the network directly, with hubs from `minimumHubBins` bins and two items up (so
    /// small instances have hubs to test).
    static func solve(_ model: AssignmentModel, minimumHubBins: Int) throws -> (objective: Double, chosen: [Int?]) {
        var network = try BinSpaceNetwork(model, minimumHubBins: minimumHubBins, minimumHubMembers: 2)
        try network.run()
        let chosen = network.chosenArcs()
        return (model.evaluate(chosen).objective, chosen)
    }

    /// Cells of reps: accounts worth their score to every rep of their cell, more to the reps
    /// with their industry as a specialty and to their owner; some accounts barred from one rep;
    /// reps covering two cells join them; a few must-assign accounts and fixed arcs.
    static func cellModel(seed: UInt64, items: Int, reps: Int) -> AssignmentModel {
        var rng = SplitMix64(seed: seed)
        let cells = 2
        let cellOf = (0 ..< reps).map { $0 % cells }
        let bridges = Set((0 ..< reps).filter { _ in Int.random(in: 0 ..< 8, using: &rng) == 0 })
        let specialty = (0 ..< reps).map { _ in Int.random(in: 0 ..< 5, using: &rng) }
        var builder = AssignmentModelBuilder(itemCount: items,
                                             capacities: (0 ..< reps).map { _ in Double(Int.random(in: 0 ... 6, using: &rng)) })
        var owned: [(item: Int, bin: Int)] = []
        for i in 0 ..< items {
            let cell = Int.random(in: 0 ..< cells, using: &rng)
            let score = Double(Int.random(in: 1 ... 12, using: &rng))
            let industry = Int.random(in: 0 ..< 5, using: &rng)
            let owner = Int.random(in: 0 ..< 3, using: &rng) == 0 ? Int.random(in: 0 ..< reps, using: &rng) : -1
            let barred = Int.random(in: 0 ..< 10, using: &rng) == 0 ? Int.random(in: 0 ..< reps, using: &rng) : -1
            builder.mustAssign[i] = Int.random(in: 0 ..< 25, using: &rng) == 0
            for b in 0 ..< reps where (cellOf[b] == cell || bridges.contains(b)) && b != barred {
                var value = score
                if specialty[b] == industry { value *= 1.15 }
                if owner == b { value *= 1.25 }
                builder.addArc(item: i, bin: b, value: value, weight: 1)
            }
            if owner >= 0 && owner != barred && (cellOf[owner] == cell || bridges.contains(owner)) { owned.append((i, owner)) }
        }
        var (model, _) = builder.build()
        // A few owned accounts stay with their owner.
        for (item, bin) in owned.prefix(3) {
            if let k = model.arcs(ofItem: item).first(where: { Int(model.arcBin[$0]) == bin }) { model.fixedArcs.append(k) }
        }
        var fixedLoad = [Double](repeating: 0, count: reps)
        for k in model.fixedArcs { fixedLoad[Int(model.arcBin[k])] += 1 }
        model.capacities = zip(model.capacities, fixedLoad).map { max($0, $1) }
        return model
    }

    @Test("hubs and tight augmentation agree with brute force on 400 tiny instances")
    func tinyAgainstBruteForce() throws {
        var compared = 0
        for seed in UInt64(0) ..< 400 {
            let model = randomTinyModel(seed: seed, uniformWeight: true, sideRows: false)
            guard let optimum = bruteForceOptimum(model) else {
                #expect(throws: AssignmentError.self) { try Self.solve(model, minimumHubBins: 1) }
                continue
            }
            let answer = try Self.solve(model, minimumHubBins: 1)
            #expect(RandomTinyModel.objective(of: answer.chosen, in: model) != nil, "seed \(seed): infeasible answer")
            #expect(abs(answer.objective - optimum) < 1e-6, "seed \(seed): \(answer.objective) against \(optimum)")
            compared += 1
        }
        #expect(compared > 200)
    }

    @Test("cell-shaped instances: the same optimum as GLPK, with and without hubs", arguments: UInt64(0) ..< 12)
    func cellsAgainstGLPK(seed: UInt64) throws {
        let model = Self.cellModel(seed: seed, items: 120, reps: 24)
        let withHubs = try Self.solve(model, minimumHubBins: 3)
        let withoutHubs = try Self.solve(model, minimumHubBins: Int.max)
        var options = SolveOptions()
        options.relativeGap = 0
        options.timeLimit = SolveOptions.maximumTimeLimit
        let exact = try GLPKSolver().solve(model, options: options)
        #expect(exact.status == .optimal)
        #expect(abs(withHubs.objective - exact.objective) < 1e-6, "seed \(seed): hubs \(withHubs.objective), GLPK \(exact.objective)")
        #expect(abs(withoutHubs.objective - exact.objective) < 1e-6, "seed \(seed): no hubs \(withoutHubs.objective), GLPK \(exact.objective)")
        #expect(model.evaluate(withHubs.chosen).isFeasible)
        // The instances do have hubs to test.
        let hubs = ItemHubs(model, active: Array(repeating: true, count: model.itemCount), minimumBins: 3, minimumMembers: 2)
        #expect(hubs.count > 0)
    }

    @Test("hub pruning keeps the optimum")
    func hubPruningIsSafe() throws {
        for seed in UInt64(100) ..< 110 {
            // Many accounts for few slots: most fall below their hub's threshold.
            let model = Self.cellModel(seed: seed, items: 400, reps: 20)
            let hubs = ItemHubs(model, active: Array(repeating: true, count: model.itemCount), minimumBins: 3, minimumMembers: 2)
            var active = [Bool](repeating: true, count: model.itemCount)
            for k in model.fixedArcs { active[model.item(ofArc: k)] = false }
            var fixedLoad = [Double](repeating: 0, count: model.binCount)
            for k in model.fixedArcs { fixedLoad[Int(model.arcBin[k])] += 1 }
            let slots = (0 ..< model.binCount).map { Int(model.capacities[$0] - fixedLoad[$0]) }
            let before = active.filter { $0 }.count
            BinSpaceNetwork.prune(model, hubs: hubs, slots: slots, active: &active)
            #expect(active.filter { $0 }.count < before, "seed \(seed): nothing pruned")
            var options = SolveOptions()
            options.relativeGap = 0
            options.timeLimit = SolveOptions.maximumTimeLimit
            let exact = try GLPKSolver().solve(model, options: options)
            let answer = try Self.solve(model, minimumHubBins: 3)
            #expect(abs(answer.objective - exact.objective) < 1e-6, "seed \(seed): \(answer.objective) against \(exact.objective)")
        }
    }
}
