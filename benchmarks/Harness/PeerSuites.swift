import AssignmentEngine

/// An established solver, run by `benchmarks/peers/solve.py` on an exported instance.
enum PeerSolver: String, CaseIterable, Sendable {
    /// OR-Tools `SimpleMinCostFlow` (transportation instances only).
    case mcf
    /// OR-Tools `SimpleMinCostFlow` with the side rows dropped: a bound, and whether the rows bind.
    case mcfRelaxed = "mcf-relaxed"
    /// OR-Tools CP-SAT on the integer-scaled model.
    case cpsat
    /// HiGHS branch and cut (highspy).
    case highs
    /// LEMON's network simplex (`benchmarks/peers/lemon_transport.cpp`; transportation instances only).
    case lemon

    /// The name in the results table.
    var label: String {
        switch self {
        case .mcf: "OR-Tools min-cost flow"
        case .mcfRelaxed: "OR-Tools min-cost flow, rows dropped"
        case .cpsat: "OR-Tools CP-SAT"
        case .highs: "HiGHS MIP"
        case .lemon: "LEMON network simplex"
        }
    }
}

/// One instance of the side-by-side benchmark: our solvers and the peers on it.
struct PeerCase: Sendable {
    var spec: InstanceSpec
    var ours: [SolverChoice]
    var peers: [PeerSolver]
}

/// The instances the peers benchmark runs, built with the engine suites' generator and seeds.
///
/// - transport: count capacity, no rows — our exact flow against OR-Tools min-cost flow (the
///   50,000 × 200 instance carries the ratio target), LEMON's network simplex and HiGHS;
/// - fair-soft: soft fairness floors (deviation penalty 1) — our `auto`, Lagrangian and greedy
///   against CP-SAT and HiGHS;
/// - fair-hard: hard fairness floors and ceilings — our `auto` and GLPK alone against CP-SAT and HiGHS.
///
/// On the fairness instances, min-cost flow with the rows dropped gives a bound and shows whether
/// the rows bind at all (an instance whose rows do not bind tests little of a fairness method).
enum PeerSuites {
    static func all(quick: Bool) -> [PeerCase] {
        let transport = (quick ? [5_000] : [50_000]).map {
            PeerCase(spec: InstanceSpec(suite: "transport", items: $0, bins: $0 / 250, cells: 4),
                     ours: [.flow, .greedy], peers: [.mcf, .lemon, .highs])
        }
        let soft = (quick ? [1_000] : [5_000]).map {
            PeerCase(spec: InstanceSpec(suite: "fair-soft", items: $0, bins: $0 / 100, cells: 4, fairness: "soft"),
                     ours: [.auto, .lagrange, .greedy], peers: [.mcfRelaxed, .cpsat, .highs])
        }
        let hard = (quick ? [1_000] : [20_000]).map {
            PeerCase(spec: InstanceSpec(suite: "fair-hard", items: $0, bins: $0 / 200, cells: 4, fairness: "hard"),
                     ours: [.auto, .glpk], peers: [.mcfRelaxed, .cpsat, .highs])
        }
        return transport + soft + hard
    }
}
