import AssignmentEngine
import Yams

extension PolicyReader {
    // MARK: - assignment

    func assignment(_ node: Node, defaults: AssignmentPolicy) throws(InputError) -> AssignmentPolicy {
        var a = defaults
        let keys = ["min_tier", "lock_customers", "fit", "fairness", "continuity", "solver", "time_limit_s", "mip_gap", "work", "topoff"]
        for (key, _, value) in try entries(node, "assignment", section: "assignment", allowed: keys) where !isNull(value) || key == "continuity" {
            let path = "assignment.\(key)"
            switch key {
            case "min_tier":
                a.minTier = Tier(rawValue: try choice(value, path, Tier.allCases.map(\.rawValue))) ?? a.minTier
            case "lock_customers": a.lockCustomers = try bool(value, path)
            case "fit":
                for (k, _, v) in try entries(value, path, section: path, allowed: ["specialty", "incumbent"]) where !isNull(v) {
                    if k == "specialty" { a.specialtyFit = try number(v, "\(path).\(k)", in: InputLimits.multiplier, positive: true) } else { a.incumbentFit = try number(v, "\(path).\(k)", in: InputLimits.multiplier, positive: true) }
                }
            case "fairness":
                for (k, _, v) in try entries(value, path, section: path, allowed: ["band", "mode", "penalty"]) where !isNull(v) {
                    switch k {
                    case "band": a.fairnessBand = try number(v, "\(path).band", in: 0 ... 1, "is outside 0–1")
                    case "mode": a.fairnessMode = FairnessMode(rawValue: try choice(v, "\(path).mode", FairnessMode.allCases.map(\.rawValue))) ?? a.fairnessMode
                    default: a.fairnessPenalty = try number(v, "\(path).penalty", in: InputLimits.multiplier)
                    }
                }
            case "continuity":
                guard !isNull(value) else { continue }
                for (k, _, v) in try entries(value, path, section: path, allowed: ["max_moves_per_rep", "keep_worked"]) {
                    if k == "keep_worked" {
                        if !isNull(v) { a.keepWorked = try bool(v, "\(path).keep_worked") }
                    } else if isNull(v) || v.scalar?.string.lowercased() == "unlimited" {
                        a.maxMovesPerRep = nil
                    } else {
                        a.maxMovesPerRep = try count(v, "\(path).max_moves_per_rep")
                    }
                }
            case "topoff":
                for (k, _, v) in try entries(value, path, section: path, allowed: ["fill_new_reps", "new_rep_days", "ramp_weeks"]) where !isNull(v) {
                    switch k {
                    case "fill_new_reps": a.fillNewReps = try bool(v, "\(path).fill_new_reps")
                    case "new_rep_days": a.newRepDays = try count(v, "\(path).new_rep_days")
                    default: a.rampWeeks = try count(v, "\(path).ramp_weeks")
                    }
                }
            case "solver":
                a.solver = SolverChoice(rawValue: try choice(value, path, SolverRegistry.names)) ?? a.solver
            case "time_limit_s": a.timeLimitSeconds = try number(value, path, in: InputLimits.timeLimitSeconds)
            case "work":
                let allowed = ["subgradient_iterations", "repair_evaluations", "greedy_evaluations", "branch_nodes",
                               "proof_nodes", "pricing_rounds", "search_evaluations", "glpk_arc_limit", "proof_arc_limit",
                               "mip_presolve_arc_limit", "close_gap_arc_limit", "search_cell_limit", "search_time_share",
                               "relaxation_arcs"]
                for (k, _, v) in try entries(value, path, section: path, allowed: allowed) where !isNull(v) {
                    if k == "search_time_share" {
                        a.work.searchTimeShare = try number(v, "\(path).\(k)", in: 0 ... 1, "is outside 0–1")
                        continue
                    }
                    let n = try count(v, "\(path).\(k)", minimum: ["subgradient_iterations", "branch_nodes", "proof_nodes"].contains(k) ? 1 : 0)
                    switch k {
                    case "subgradient_iterations": a.work.subgradientIterations = n
                    case "repair_evaluations": a.work.repairEvaluations = n
                    case "greedy_evaluations": a.work.greedyEvaluations = n
                    case "branch_nodes": a.work.branchNodes = n
                    case "proof_nodes": a.work.proofNodes = n
                    case "search_evaluations": a.work.searchEvaluations = n
                    case "glpk_arc_limit": a.work.glpkArcLimit = n
                    case "proof_arc_limit": a.work.proofArcLimit = n
                    case "mip_presolve_arc_limit": a.work.mipPresolveArcLimit = n
                    case "close_gap_arc_limit": a.work.closeGapArcLimit = n
                    case "search_cell_limit": a.work.searchCellLimit = n
                    case "relaxation_arcs": a.work.relaxationArcs = n
                    default: a.work.pricingRounds = n
                    }
                }
            default: a.mipGap = try number(value, path, in: 0 ... 1, "is outside 0–1")
            }
        }
        return a
    }

    // MARK: - returns, coverage

    func returns(_ node: Node, defaults: ReturnPolicy) throws(InputError) -> ReturnPolicy {
        var r = defaults
        let keys = ["reasons", "min_hold_days", "min_activities", "max_per_rep_per_30_days", "same_rep_days"]
        for (key, _, value) in try entries(node, "returns", section: "returns", allowed: keys) where !isNull(value) {
            let path = "returns.\(key)"
            switch key {
            case "reasons":
                var reasons: [String: ReturnReason] = [:]
                for (name, keyNode, spec) in try entries(value, path, section: path, allowed: nil) {
                    if reasons[name] != nil { throw error(keyNode, path, value: name, "repeats a reason") }
                    var reason = ReturnReason()
                    if !isNull(spec) {
                        let reasonPath = "\(path).\(name)"
                        for (k, _, v) in try entries(spec, reasonPath, section: reasonPath,
                                                     allowed: ["rest_days", "disqualify", "data_review"]) where !isNull(v) {
                            switch k {
                            case "rest_days": reason.restDays = try days(v, "\(reasonPath).rest_days")
                            case "disqualify": reason.disqualify = try bool(v, "\(reasonPath).disqualify")
                            default: reason.dataReview = try bool(v, "\(reasonPath).data_review")
                            }
                        }
                    }
                    reasons[name] = reason
                }
                r.reasons = reasons
            case "min_hold_days": r.minHoldDays = try days(value, path)
            case "min_activities": r.minActivities = try count(value, path)
            case "max_per_rep_per_30_days": r.maxPerRepPer30Days = try count(value, path)
            default: r.sameRepDays = try days(value, path)
            }
        }
        return r
    }

    func coverage(_ node: Node, defaults: CoveragePolicy) throws(InputError) -> CoveragePolicy {
        var c = defaults
        let keys = ["activity_types", "window_days", "min_activities", "grace_days", "retrieve_after_days", "min_rep_coverage"]
        for (key, _, value) in try entries(node, "coverage", section: "coverage", allowed: keys) where !isNull(value) {
            let path = "coverage.\(key)"
            switch key {
            case "activity_types": c.activityTypes = try strings(value, path).map { $0.lowercased() }
            case "window_days": c.windowDays = try days(value, path, minimum: 1)
            case "min_activities": c.minActivities = try count(value, path)
            case "grace_days": c.graceDays = try days(value, path)
            case "retrieve_after_days": c.retrieveAfterDays = try days(value, path, minimum: 1)
            default: c.minRepCoverage = try number(value, path, in: 0 ... 1, "is outside 0–1")
            }
        }
        return c
    }

    // MARK: - topoff, routing

    /// `order: [score desc, annual_revenue desc, id asc]` (also `- { score: desc }`).
    func topoff(_ node: Node, defaults: TopoffPolicy) throws(InputError) -> TopoffPolicy {
        var t = defaults
        for (_, _, value) in try entries(node, "topoff", section: "topoff", allowed: ["order"]) where !isNull(value) {
            var order: [SortKey] = []
            for (i, item) in try sequence(value, "topoff.order").enumerated() {
                let path = "topoff.order[\(i + 1)]"
                let field: String, direction: String
                if let pairs = item.mapping {
                    guard pairs.count == 1, let pair = pairs.first, let name = pair.key.scalar?.string else {
                        throw error(item, path, "must be `field asc` or `field desc`")
                    }
                    field = name
                    direction = try string(pair.value, path)
                } else {
                    let words = try string(item, path).split(separator: " ", omittingEmptySubsequences: true)
                    guard (1 ... 2).contains(words.count) else { throw error(item, path, value: item.scalar?.string, "must be `field asc` or `field desc`") }
                    field = String(words[0])
                    direction = words.count == 2 ? String(words[1]) : "asc"
                }
                switch direction.lowercased() {
                case "asc": order.append(SortKey(field: field, descending: false))
                case "desc": order.append(SortKey(field: field, descending: true))
                default: throw error(item, path, value: direction, "is not asc or desc")
                }
            }
            t.order = order
        }
        return t
    }

    func routing(_ node: Node, defaults: RoutingPolicy) throws(InputError) -> RoutingPolicy {
        var r = defaults
        for (key, _, value) in try entries(node, "routing", section: "routing", allowed: ["strategy", "overflow"]) where !isNull(value) {
            let path = "routing.\(key)"
            if key == "strategy" {
                r.strategy = RoutingStrategy(rawValue: try choice(value, path, RoutingStrategy.allCases.map(\.rawValue))) ?? r.strategy
            } else {
                r.overflow = OverflowRule(rawValue: try choice(value, path, OverflowRule.allCases.map(\.rawValue))) ?? r.overflow
            }
        }
        return r
    }
}
