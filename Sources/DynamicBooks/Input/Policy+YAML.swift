import AssignmentEngine
extension Policy {
    /// The policy as `policy.yaml` text with every key written out, in the layout of SPEC §2.
    /// ``PolicyLoader`` reads it back to an equal policy.
    public var yaml: String {
        var out = "# DynamicBooks policy: every key is shown; an empty file means the defaults.\n"
        out += "scoring:\n"
        out += scoring.rules.isEmpty ? "  rules: []\n" : "  rules:\n"
        for rule in scoring.rules {
            out += "    - when: \(YAMLText.condition(rule.when))\n      points: \(YAMLText.number(rule.points))\n"
        }
        out += scoring.signals.isEmpty ? "  signals: []\n" : "  signals:\n"
        for signal in scoring.signals {
            var fields = ["field: \(YAMLText.scalar(signal.field))", "per_unit: \(YAMLText.number(signal.perUnit))"]
            if let max = signal.max { fields.append("max: \(YAMLText.number(max))") }
            out += "    - { \(fields.joined(separator: ", ")) }\n"
        }
        out += scoring.exclude.isEmpty ? "  exclude: []\n" : "  exclude:\n"
        for condition in scoring.exclude { out += "    - when: \(YAMLText.condition(condition))\n" }
        out += "tiers: { A: \(YAMLText.number(tiers.a)), B: \(YAMLText.number(tiers.b)), C: \(YAMLText.number(tiers.c)) }\n"
        out += segments.isEmpty ? "segments: {}\n" : "segments:                      # first match by employees\n"
        for segment in segments {
            var fields: [String] = []
            if let max = segment.maxEmployees { fields.append("max_employees: \(YAMLText.number(max))") }
            fields.append("workload: \(YAMLText.number(segment.workload))")
            out += "  \(YAMLText.scalar(segment.name)): { \(fields.joined(separator: ", ")) }\n"
        }
        out += theaters.isEmpty ? "theaters: {}\n" : "theaters:\n"
        for theater in theaters {
            var fields: [String] = []
            if !theater.countries.isEmpty { fields.append("countries: \(YAMLText.list(theater.countries))") }
            if !theater.states.isEmpty { fields.append("states: \(YAMLText.list(theater.states))") }
            out += "  \(YAMLText.scalar(theater.name)): { \(fields.joined(separator: ", ")) }\n"
        }
        out += capacity.isEmpty ? "capacity: {}\n" : "capacity:                      # per segment, in workload units\n"
        for (segment, model) in capacity {
            switch model {
            case let .bottomUp(hours, weeks, touches, minutes):
                out += "  \(YAMLText.scalar(segment)): { hours_per_week: \(YAMLText.number(hours)), weeks: \(YAMLText.number(weeks)), "
                    + "touches_per_account: \(YAMLText.number(touches)), minutes_per_touch: \(YAMLText.number(minutes)) }\n"
            case let .units(units):
                out += "  \(YAMLText.scalar(segment)): { units: \(YAMLText.number(units)) }\n"
            }
        }
        let a = assignment
        out += """
        assignment:
          min_tier: \(a.minTier.rawValue)
          lock_customers: \(a.lockCustomers)
          fit: { specialty: \(YAMLText.number(a.specialtyFit)), incumbent: \(YAMLText.number(a.incumbentFit)) }
          fairness: { band: \(YAMLText.number(a.fairnessBand)), mode: \(a.fairnessMode.rawValue), penalty: \(YAMLText.number(a.fairnessPenalty)) }
          continuity: { max_moves_per_rep: \(a.maxMovesPerRep.map(String.init) ?? "null"), keep_worked: \(a.keepWorked) }
          solver: \(YAMLText.scalar(a.solver.rawValue))
          time_limit_s: \(YAMLText.number(a.timeLimitSeconds))
          mip_gap: \(YAMLText.number(a.mipGap))

        """
        if a.work != WorkBudget() {
            let w = a.work
            out += "  work: { subgradient_iterations: \(w.subgradientIterations), relaxation_arcs: \(w.relaxationArcs), repair_evaluations: \(w.repairEvaluations), "
                + "greedy_evaluations: \(w.greedyEvaluations), branch_nodes: \(w.branchNodes), proof_nodes: \(w.proofNodes), "
                + "pricing_rounds: \(w.pricingRounds), search_evaluations: \(w.searchEvaluations), "
                + "glpk_arc_limit: \(w.glpkArcLimit), proof_arc_limit: \(w.proofArcLimit), "
                + "mip_presolve_arc_limit: \(w.mipPresolveArcLimit), close_gap_arc_limit: \(w.closeGapArcLimit), "
                + "search_cell_limit: \(w.searchCellLimit), search_time_share: \(YAMLText.number(w.searchTimeShare)) }\n"
        }
        if a.fillNewReps || a.newRepDays != AssignmentPolicy().newRepDays || a.rampWeeks != 0 {
            out += "  topoff: { fill_new_reps: \(a.fillNewReps), new_rep_days: \(a.newRepDays), ramp_weeks: \(a.rampWeeks) }\n"
        }
        out += returns.reasons.isEmpty ? "returns:\n  reasons: {}\n" : "returns:\n  reasons:\n"
        for name in returns.reasons.keys.sorted() {
            guard let reason = returns.reasons[name] else { continue }
            var fields: [String] = []
            if let days = reason.restDays { fields.append("rest_days: \(days)") }
            if reason.disqualify { fields.append("disqualify: true") }
            if reason.dataReview { fields.append("data_review: true") }
            out += "    \(YAMLText.scalar(name)): { \(fields.joined(separator: ", ")) }\n"
        }
        let r = returns, c = coverage
        out += """
          min_hold_days: \(r.minHoldDays)
          min_activities: \(r.minActivities)
          max_per_rep_per_30_days: \(r.maxPerRepPer30Days)
          same_rep_days: \(r.sameRepDays)
        coverage:
          activity_types: \(YAMLText.list(c.activityTypes))
          window_days: \(c.windowDays)
          min_activities: \(c.minActivities)
          grace_days: \(c.graceDays)
          retrieve_after_days: \(c.retrieveAfterDays)
          min_rep_coverage: \(YAMLText.number(c.minRepCoverage))
        topoff:
          order: [\(topoff.order.map { "\($0.field) \($0.descending ? "desc" : "asc")" }.joined(separator: ", "))]
        routing:
          strategy: \(routing.strategy.rawValue)
          overflow: \(routing.overflow.rawValue)

        """
        return out
    }
}

/// Spelling values in YAML flow style.
enum YAMLText {
    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    /// A plain scalar when that reads back as the same string, else a double-quoted one.
    static func scalar(_ text: String) -> String {
        let plainSafe = !text.isEmpty && text.unicodeScalars.allSatisfy { s in
            (s.value < 128 && (s.properties.isAlphabetic || ("0" ... "9").contains(s) || s == "_" || s == "-" || s == "." || s == " "))
        } && text.first != " " && text.last != " " && text.first != "-" && !reserved.contains(text.lowercased())
            && Double(text) == nil
        if plainSafe { return text }
        var out = "\""
        for s in text.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if s.value < 0x20 { out += "\\x" + String(s.value, radix: 16).leftPadded(2) } else { out.unicodeScalars.append(s) }
            }
        }
        return out + "\""
    }

    static func number(_ value: Double) -> String { CSVBuffer.number(value) }

    static func list(_ items: [String]) -> String { "[" + items.map(scalar).joined(separator: ", ") + "]" }

    /// `{ industry: [Software], employees: { between: [50, 2000] } }`; clauses on one field share a mapping.
    static func condition(_ condition: Condition) -> String {
        var fields: [String] = []
        var tests: [String: [Clause.Test]] = [:]
        for clause in condition.clauses {
            if tests[clause.field] == nil { fields.append(clause.field) }
            tests[clause.field, default: []].append(clause.test)
        }
        let parts = fields.map { field -> String in
            let fieldTests = tests[field] ?? []
            var ops: [String] = []
            var value: String?
            for test in fieldTests {
                switch test {
                case let .oneOf(values): value = values.count == 1 ? scalar(values[0]) : list(values)
                case let .equalsBool(flag): value = String(flag)
                case let .between(low, high): ops.append("between: [\(number(low)), \(number(high))]")
                case let .greaterOrEqual(x): ops.append("gte: \(number(x))")
                case let .greater(x): ops.append("gt: \(number(x))")
                case let .lessOrEqual(x): ops.append("lte: \(number(x))")
                case let .less(x): ops.append("lt: \(number(x))")
                }
            }
            if let value, ops.isEmpty { return "\(scalar(field)): \(value)" }
            return "\(scalar(field)): { \(ops.joined(separator: ", ")) }"
        }
        return "{ " + parts.joined(separator: ", ") + " }"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
