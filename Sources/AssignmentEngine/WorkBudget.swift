/// How much work a solve may do. Solvers stop on these counts, never on the clock, so an answer
/// is a function of the model and the options alone: the same on a fast machine, a loaded one
/// and any core count. ``SolveOptions/timeLimit`` stays as a safety cap; when it fires the
/// answer's status is ``TerminationStatus/timeLimit`` and the report says so.
///
/// Every tunable number of the engine lives here, so a user's setting reaches every solver that
/// uses it.
public struct WorkBudget: Sendable, Equatable, Codable {
    /// Subgradient iterations of the Lagrangian relaxation, per component, at least.
    public var subgradientIterations: Int
    /// Arcs the subgradient iterations of one component may relax in all: a component of `a`
    /// arcs gets `relaxationArcs / a` iterations, at least ``subgradientIterations`` and at most
    /// eight times as many, so a small component, whose relaxations are cheap, iterates further
    /// for the same work (``iterations(arcs:)``).
    public var relaxationArcs: Int
    /// Move evaluations of the local search that repairs one relaxed answer.
    public var repairEvaluations: Int
    /// Move evaluations of the greedy heuristic's improvement phase.
    public var greedyEvaluations: Int
    /// Branch-and-bound nodes GLPK may create for one component of up to 1,000 arcs (counted in
    /// its callback); a larger component gets proportionally fewer, since each node's LP grows
    /// with it (``nodeLimit(_:arcs:)``).
    public var branchNodes: Int
    /// The same for one piece of a reduced-cost restriction.
    public var proofNodes: Int
    /// Components with more arcs than this are not handed to GLPK by `auto` when the Lagrangian
    /// relaxation has an answer with a bound: GLPK's LP alone takes minutes beyond a few tens of
    /// thousands of arcs on this problem.
    public var glpkArcLimit: Int
    /// Components with more arcs than this are not offered to reduced-cost fixing.
    public var proofArcLimit: Int
    /// Models with at most this many arcs go through GLPK's MIP presolver (see
    /// ``GLPKSolver/Configuration/mipPresolveArcLimit``).
    public var mipPresolveArcLimit: Int
    /// Times a model that holds only some of its eligible arcs is solved again with the missing
    /// arcs that gain (see ``DualCertificate``).
    public var pricingRounds: Int
    /// Move evaluations `auto` gives ``EjectionChainSolver`` on a component without side rows that
    /// the Lagrangian relaxation did not prove (`books gap --solver ejection` uses the solver's
    /// own, larger default).
    public var searchEvaluations: Int
    /// `auto` runs ``EjectionChainSolver`` only on components whose dense table (items × bins)
    /// has at most this many cells, so a sparse component cannot cost much memory.
    public var searchCellLimit: Int
    /// The share (0–1) of a component's remaining time that `auto` gives ``EjectionChainSolver``
    /// as a safety cap before GLPK gets the rest; its work budget is ``searchEvaluations``.
    public var searchTimeShare: Double
    /// Reduced-cost fixing hands GLPK the arcs it keeps only when they are at most this many;
    /// otherwise the Lagrangian answer stays unproven.
    public var closeGapArcLimit: Int

    /// The defaults: every suite of `benchmarks/` runs within them.
    public init(subgradientIterations: Int = 40, repairEvaluations: Int = 1_000_000,
                greedyEvaluations: Int = 3_000_000, branchNodes: Int = 5_000, proofNodes: Int = 5_000,
                glpkArcLimit: Int = 20_000, proofArcLimit: Int = 4_000_000, mipPresolveArcLimit: Int = 10_000,
                pricingRounds: Int = 2, searchEvaluations: Int = 20_000_000, searchCellLimit: Int = 2_000_000,
                searchTimeShare: Double = 0.5, closeGapArcLimit: Int = 60_000, relaxationArcs: Int = 5_000_000) {
        self.subgradientIterations = max(1, subgradientIterations)
        self.relaxationArcs = max(0, relaxationArcs)
        self.repairEvaluations = max(0, repairEvaluations)
        self.greedyEvaluations = max(0, greedyEvaluations)
        self.branchNodes = max(1, branchNodes)
        self.proofNodes = max(1, proofNodes)
        self.glpkArcLimit = max(0, glpkArcLimit)
        self.proofArcLimit = max(0, proofArcLimit)
        self.mipPresolveArcLimit = max(0, mipPresolveArcLimit)
        self.pricingRounds = max(0, pricingRounds)
        self.searchEvaluations = max(0, searchEvaluations)
        self.searchCellLimit = max(0, searchCellLimit)
        self.searchTimeShare = searchTimeShare.isNaN ? 0 : min(max(searchTimeShare, 0), 1)
        self.closeGapArcLimit = max(0, closeGapArcLimit)
    }

    /// The subgradient iterations a component of `arcs` arcs gets: ``subgradientIterations``, or
    /// more while they relax at most ``relaxationArcs`` arcs in all, up to eight times as many.
    public func iterations(arcs: Int) -> Int {
        let ceiling = subgradientIterations > Int.max / 8 ? Int.max : 8 * subgradientIterations
        return min(ceiling, max(subgradientIterations, relaxationArcs / max(1, arcs)))
    }

    /// The nodes a budget of `nodes` per 1,000 arcs allows a model of `arcs` arcs: `nodes` up to
    /// 1,000 arcs, then `nodes × 1,000 / arcs`, at least 10.
    public static func nodeLimit(_ nodes: Int, arcs: Int) -> Int {
        guard arcs > 1_000 else { return nodes }
        return max(10, Int(Double(nodes) * 1_000 / Double(arcs)))
    }
}

extension WorkBudget {
    private enum CodingKeys: String, CodingKey {
        case subgradientIterations, relaxationArcs, repairEvaluations, greedyEvaluations, branchNodes, proofNodes,
             glpkArcLimit, proofArcLimit, mipPresolveArcLimit, pricingRounds, searchEvaluations, searchCellLimit,
             searchTimeShare, closeGapArcLimit
    }

    /// Decodes a budget, taking the default for every count a stored budget does not hold (one
    /// saved before the count existed), so an older workspace's policy still reads.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = WorkBudget()
        func count(_ key: CodingKeys, _ fallback: Int) throws -> Int { try c.decodeIfPresent(Int.self, forKey: key) ?? fallback }
        self.init(subgradientIterations: try count(.subgradientIterations, d.subgradientIterations),
                  repairEvaluations: try count(.repairEvaluations, d.repairEvaluations),
                  greedyEvaluations: try count(.greedyEvaluations, d.greedyEvaluations),
                  branchNodes: try count(.branchNodes, d.branchNodes), proofNodes: try count(.proofNodes, d.proofNodes),
                  glpkArcLimit: try count(.glpkArcLimit, d.glpkArcLimit), proofArcLimit: try count(.proofArcLimit, d.proofArcLimit),
                  mipPresolveArcLimit: try count(.mipPresolveArcLimit, d.mipPresolveArcLimit),
                  pricingRounds: try count(.pricingRounds, d.pricingRounds),
                  searchEvaluations: try count(.searchEvaluations, d.searchEvaluations),
                  searchCellLimit: try count(.searchCellLimit, d.searchCellLimit),
                  searchTimeShare: try c.decodeIfPresent(Double.self, forKey: .searchTimeShare) ?? d.searchTimeShare,
                  closeGapArcLimit: try count(.closeGapArcLimit, d.closeGapArcLimit),
                  relaxationArcs: try count(.relaxationArcs, d.relaxationArcs))
    }
}
