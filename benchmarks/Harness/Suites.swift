import AssignmentEngine

/// One generated instance of a suite.
struct InstanceSpec: Sendable, Hashable {
    var suite: String
    var items: Int
    var bins: Int
    var cells: Int
    var seed: UInt64 = 1
    var weights: [Double] = [1]
    var fairness: String = "off"   // off | soft | hard

    var name: String { "\(suite)-\(items)x\(bins)" }

    func build() -> AssignmentModel {
        SyntheticInstance.cells(
            items: items, bins: bins, cells: cells, seed: seed, weights: weights,
            fairnessBand: fairness == "off" ? nil : 0.15, fairnessPenalty: fairness == "hard" ? nil : 1)
    }

    /// The `run-one` arguments that rebuild this instance.
    var arguments: [String] {
        ["--suite", suite, "--items", "\(items)", "--bins", "\(bins)", "--cells", "\(cells)", "--seed", "\(seed)",
         "--weights", weights.map { "\($0)" }.joined(separator: ","), "--fairness", fairness]
    }
}

/// The engine suites: transportation (count capacity), weighted (one weight per item, differing),
/// and fairness (soft and hard rows).
enum EngineSuites {
    static func all(quick: Bool) -> [(spec: InstanceSpec, solvers: [SolverChoice])] {
        let transport: [InstanceSpec] = (quick ? [5_000, 50_000] : [5_000, 20_000, 50_000, 200_000]).map {
            InstanceSpec(suite: "transport", items: $0, bins: $0 / 250, cells: 4)
        }
        let weighted: [InstanceSpec] = (quick ? [1_000] : [1_000, 5_000]).map {
            InstanceSpec(suite: "weighted", items: $0, bins: $0 / 100, cells: 4, weights: [1, 1, 1, 2, 3])
        }
        let fair: [InstanceSpec] = [1_000, 5_000].flatMap { n in
            ["soft", "hard"].map { InstanceSpec(suite: "fair-\($0)", items: n, bins: n / 100, cells: 4, fairness: $0) }
        }
        return transport.map { ($0, $0.items <= 5_000 ? [.flow, .greedy, .glpk] : [.flow, .greedy]) }
            + weighted.map { ($0, [.greedy, .glpk, .auto]) }
            + fair.map { ($0, [.greedy, .lagrange, .glpk, .auto]) }
    }
}
