import AssignmentEngine

/// The assignment model of one plan (SPEC §4) with everything needed to read its solution back
/// in domain terms: which accounts each item holds, which rep each bin is, what each side row
/// means.
///
/// Build it with ``Planner/buildModel(accounts:reps:policy:activity:state:asOf:mode:)`` to hand
/// ``model`` to any ``AssignmentSolver`` (the benchmark harness does), or let
/// ``Planner/plan(accounts:reps:policy:activity:state:asOf:mode:solver:options:)`` do everything.
///
/// Items and bins are sorted by id (an item by its first account), arcs by item then bin, side
/// rows by group then rep, so the same input always gives the same model.
public struct PlanningModel: Sendable {
    public var mode: PlanMode
    public var asOf: Day
    public var policy: Policy
    /// The accounts, sorted by id. ``PlanningItem/accounts`` index into this array.
    public var accounts: [ScoredAccount]
    /// The reps, sorted by id: rep `b` is bin `b` of ``model``.
    public var reps: [Rep]
    /// `C(r)`: each rep's planned capacity (policy capacity × ramp), in bin order.
    public var plannedCapacities: [Double]
    /// The generic model. Its capacities are the room left for this plan: `C(r)` less inbound
    /// load (in top-off, at least the load of the kept book).
    public var model: AssignmentModel
    /// The items of the model, in item order.
    public var items: [PlanningItem]
    /// Accounts left out of the model, with the reason, sorted by account id.
    public var prePooled: [PoolEntry]
    /// Fairness groups (reps with the same segment and theaters), sorted by name.
    public var groups: [FairnessGroup]
    /// What each side row of ``model`` means, parallel to `model.sideRows`.
    public var rowMeanings: [SideRowMeaning]
    /// Per account (parallel to ``accounts``): the bin of its current owner, or −1 when it has
    /// none or the owner is not in the rep list.
    var ownerBin: [Int32]
    /// Per bin: the fairness group index.
    var groupOfBin: [Int]
    /// Per bin: the fairness group index when fairness compares the rep, else −1.
    var comparedGroupOfBin: [Int]
    /// Per bin: moves forced by families joining a kept account (not limited by continuity).
    var forcedMoves: [Int]
    /// Set when large cells hold only some of their eligible arcs (``ArcRestriction``): what
    /// pricing the rest after a solve needs.
    var missingArcs: MissingArcs?
    /// Accounts (indices) that ride with their family although they would be pooled on their
    /// own (excluded, below `min_tier`), with that reason.
    var riders: [Int: PoolReason] = [:]

    /// The fairness mode in force (hard is applied as soft in top-off).
    public var fairnessMode: FairnessMode {
        mode == .topoff && policy.assignment.fairnessMode == .hard ? .soft : policy.assignment.fairnessMode
    }

    /// `v(a, r)`: the value of account `account` (an index into ``accounts``) with rep `bin`:
    /// score × specialty fit (its industry is one of the rep's specialties) × incumbent fit (the
    /// rep owns it now).
    public func value(ofAccount account: Int, bin: Int) -> Double {
        let scored = accounts[account]
        var value = scored.score
        if let industry = scored.account.industry, reps[bin].hasSpecialty(industry) {
            value *= policy.assignment.specialtyFit
        }
        if ownerBin[account] == Int32(bin) { value *= policy.assignment.incumbentFit }
        return value
    }
}

/// One item of the model: an account, or a parent with its children.
public struct PlanningItem: Sendable, Equatable {
    /// Indices into ``PlanningModel/accounts``, increasing.
    public var accounts: [Int]
    /// The segment every account of the item shares.
    public var segment: String
    /// The theater every account of the item shares (`nil` only for a locked account kept
    /// whatever its theater).
    public var theater: String?
    /// Summed workload: the capacity the item uses.
    public var workload: Double
    /// Summed score: the item's contribution to `V(r)` in the fairness rows.
    public var score: Double
    /// The bin the item is fixed to, when it is kept.
    public var fixedBin: Int?
    /// Why it is kept, when it is.
    public var keep: KeepReason?
    /// Whether it must be assigned (it holds a customer and is not kept).
    public var mustAssign: Bool
}

/// Why an account stays with its current owner whatever the optimiser prefers.
public enum KeepReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// `locked` in the account list.
    case locked
    /// A customer kept by `assignment.lock_customers`.
    case customer
    /// Worked by its owner within the coverage window (`assignment.continuity.keep_worked`).
    case worked
    /// Part of a current book in top-off mode.
    case book

    var strength: Int { switch self { case .locked: 0; case .customer: 1; case .worked: 2; case .book: 3 } }
    public static func < (a: Self, b: Self) -> Bool { a.strength < b.strength }
}

/// What a side row of the model stands for, so an infeasibility can be told in policy terms.
public struct SideRowMeaning: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `V(r) ≥ (1 − band)·C(r)/C(G)·V(G)` (soft: with a penalised deviation).
        case fairnessFloor = "fairness_floor"
        /// `V(r) ≤ (1 + band)·C(r)/C(G)·V(G)` (hard mode).
        case fairnessCeiling = "fairness_ceiling"
        /// Accounts moved to the rep from another rep ≤ `max_moves_per_rep`.
        case moveLimit = "move_limit"
    }
    public var kind: Kind
    public var rep: RepID
    /// The fairness group's name, for fairness rows.
    public var group: String?
    /// The policy keys that relax the row.
    public var policyKeys: [String]
}

extension Rep {
    /// Whether `industry` is one of the rep's specialties (case-insensitive).
    func hasSpecialty(_ industry: String) -> Bool {
        let key = industry.lowercased()
        return specialties.contains { $0.lowercased() == key }
    }
}
