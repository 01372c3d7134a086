import Collections
import Yams

extension PolicyReader {
    static let rootKeys = ["scoring", "tiers", "segments", "theaters", "capacity", "assignment", "returns",
                           "coverage", "topoff", "routing"]

    mutating func policy(_ root: Node?) throws(InputError) -> Policy {
        var policy = Policy()
        guard let root, !isNull(root) else { return policy }
        if let text = root.scalar?.string {
            throw error(root, nil, value: text, "is not a policy: the file must be a mapping of sections (\(PolicyReader.rootKeys.joined(separator: ", ")))")
        }
        var sections: [String: Node] = [:]
        for entry in try entries(root, "", section: "the policy", allowed: PolicyReader.rootKeys) where !isNull(entry.value) {
            sections[entry.key] = entry.value
        }
        if let node = sections["scoring"] { policy.scoring = try scoring(node) }
        if let node = sections["tiers"] { policy.tiers = try tiers(node, defaults: policy.tiers) }
        if let node = sections["segments"] {
            policy.segments = try segments(node)
            if sections["capacity"] == nil {
                // Keep only the default capacity models of segments that still exist.
                let names = Set(policy.segments.map(\.name))
                policy.capacity = policy.capacity.filter { names.contains($0.key) }
            }
        }
        if let node = sections["theaters"] { policy.theaters = try theaters(node) }
        if let node = sections["capacity"] { policy.capacity = try capacity(node, segments: policy.segments) }
        if let node = sections["assignment"] { policy.assignment = try assignment(node, defaults: policy.assignment) }
        if let node = sections["returns"] { policy.returns = try returns(node, defaults: policy.returns) }
        if let node = sections["coverage"] { policy.coverage = try coverage(node, defaults: policy.coverage) }
        if let node = sections["topoff"] { policy.topoff = try topoff(node, defaults: policy.topoff) }
        if let node = sections["routing"] { policy.routing = try routing(node, defaults: policy.routing) }
        return policy
    }

    // MARK: - scoring

    mutating func scoring(_ node: Node) throws(InputError) -> Scoring {
        var scoring = Scoring()
        for (key, _, value) in try entries(node, "scoring", section: "scoring", allowed: ["rules", "signals", "exclude"]) {
            switch key {
            case "rules":
                for (i, item) in try sequence(value, "scoring.rules").enumerated() {
                    let path = "scoring.rules[\(i + 1)]"
                    var when: Condition?, points: Double?
                    for (k, _, v) in try entries(item, path, section: path, allowed: ["when", "points"]) {
                        if k == "when" { when = try condition(v, "\(path).when") } else { points = try number(v, "\(path).points", in: InputLimits.points) }
                    }
                    guard let when else { throw error(item, path, "needs a `when:` condition, e.g. when: { industry: [Software] }") }
                    guard let points else { throw error(item, path, "needs `points:`") }
                    scoring.rules.append(ScoringRule(when: when, points: points))
                }
            case "signals":
                for (i, item) in try sequence(value, "scoring.signals").enumerated() {
                    let path = "scoring.signals[\(i + 1)]"
                    var field: String?, perUnit: Double?, max: Double?
                    for (k, _, v) in try entries(item, path, section: path, allowed: ["field", "per_unit", "max"]) {
                        switch k {
                        case "field":
                            field = try string(v, "\(path).field")
                            fields.append(.init(field: field ?? "", line: v.mark?.line ?? 0, column: v.mark?.column ?? 0))
                        case "per_unit": perUnit = try number(v, "\(path).per_unit", in: InputLimits.points)
                        default: max = isNull(v) ? nil : try number(v, "\(path).max", in: InputLimits.points)
                        }
                    }
                    guard let field else { throw error(item, path, "needs `field:` (a numeric column of accounts.csv)") }
                    guard let perUnit else { throw error(item, path, "needs `per_unit:` (points per unit of the field)") }
                    scoring.signals.append(Signal(field: field, perUnit: perUnit, max: max))
                }
            default:
                for (i, item) in try sequence(value, "scoring.exclude").enumerated() {
                    let path = "scoring.exclude[\(i + 1)]"
                    var when: Condition?
                    for (_, _, v) in try entries(item, path, section: path, allowed: ["when"]) {
                        when = try condition(v, "\(path).when")
                    }
                    guard let when else { throw error(item, path, "needs a `when:` condition, e.g. when: { industry: [Government] }") }
                    scoring.exclude.append(when)
                }
            }
        }
        return scoring
    }

    static let operators = ["between", "gte", "gt", "lte", "lt"]

    /// `{ industry: [Software, Fintech], employees: { between: [50, 2000] }, customer: true }`.
    mutating func condition(_ node: Node, _ path: String) throws(InputError) -> Condition {
        var clauses: [Clause] = []
        for (field, keyNode, test) in try entries(node, path, section: path, allowed: nil) {
            fields.append(.init(field: field, line: keyNode.mark?.line ?? 0, column: keyNode.mark?.column ?? 0))
            let fieldPath = "\(path).\(field)"
            if test.mapping != nil {
                for (op, _, value) in try entries(test, fieldPath, section: fieldPath, allowed: PolicyReader.operators) {
                    let opPath = "\(fieldPath).\(op)"
                    switch op {
                    case "between":
                        let bounds = try sequence(value, opPath)
                        guard bounds.count == 2 else { throw error(value, opPath, "must be two numbers, [low, high]") }
                        let low = try number(bounds[0], opPath, in: InputLimits.magnitude), high = try number(bounds[1], opPath, in: InputLimits.magnitude)
                        guard low <= high else { throw error(value, opPath, "the low bound is above the high bound") }
                        clauses.append(Clause(field: field, test: .between(low, high)))
                    case "gte": clauses.append(Clause(field: field, test: .greaterOrEqual(try number(value, opPath, in: InputLimits.magnitude))))
                    case "gt": clauses.append(Clause(field: field, test: .greater(try number(value, opPath, in: InputLimits.magnitude))))
                    case "lte": clauses.append(Clause(field: field, test: .lessOrEqual(try number(value, opPath, in: InputLimits.magnitude))))
                    default: clauses.append(Clause(field: field, test: .less(try number(value, opPath, in: InputLimits.magnitude))))
                    }
                }
            } else if let scalar = test.scalar, scalar.style == .plain, let flag = PolicyReader.plainBool(scalar.string) {
                clauses.append(Clause(field: field, test: .equalsBool(flag)))
            } else {
                let values = try strings(test, fieldPath)
                guard !values.isEmpty else { throw error(test, fieldPath, "must list at least one value") }
                clauses.append(Clause(field: field, test: .oneOf(values)))
            }
        }
        guard !clauses.isEmpty else { throw error(node, path, "is an empty condition") }
        return Condition(clauses)
    }

    // MARK: - tiers, segments, theaters, capacity

    func tiers(_ node: Node, defaults: TierThresholds) throws(InputError) -> TierThresholds {
        var tiers = defaults
        for (key, _, value) in try entries(node, "tiers", section: "tiers", allowed: ["A", "B", "C"]) {
            let score = try number(value, "tiers.\(key)", in: 0 ... 100, "is outside 0–100")
            switch key {
            case "A": tiers.a = score
            case "B": tiers.b = score
            default: tiers.c = score
            }
        }
        guard tiers.a >= tiers.b, tiers.b >= tiers.c else {
            throw error(node, "tiers", "must descend: A ≥ B ≥ C (got A \(CSVBuffer.number(tiers.a)), B \(CSVBuffer.number(tiers.b)), C \(CSVBuffer.number(tiers.c)))")
        }
        return tiers
    }

    func segments(_ node: Node) throws(InputError) -> [SegmentRule] {
        var segments: [SegmentRule] = []
        for (name, keyNode, value) in try entries(node, "segments", section: "segments", allowed: nil) {
            let path = "segments.\(name)"
            if let previous = segments.first(where: { $0.name.lowercased() == name.lowercased() }) {
                throw error(keyNode, "segments", value: name, "repeats segment \"\(previous.name)\"")
            }
            if let previous = segments.last, previous.maxEmployees == nil {
                throw error(keyNode, "segments", value: name,
                            "comes after \"\(previous.name)\", which has no max_employees and so takes every larger account; give \"\(previous.name)\" a max_employees")
            }
            var rule = SegmentRule(name: name, maxEmployees: nil, workload: 1)
            if !isNull(value) {
                for (k, _, v) in try entries(value, path, section: path, allowed: ["max_employees", "workload"]) {
                    if k == "workload" {
                        rule.workload = try number(v, "\(path).workload", in: InputLimits.workload)
                    } else if !isNull(v) {
                        rule.maxEmployees = try number(v, "\(path).max_employees", in: InputLimits.employees)
                    }
                }
            }
            if let previous = segments.last?.maxEmployees, let max = rule.maxEmployees, max <= previous {
                throw error(value, "\(path).max_employees", value: CSVBuffer.number(max),
                            "must be above the previous segment's (\(CSVBuffer.number(previous)))")
            }
            segments.append(rule)
        }
        guard !segments.isEmpty else { throw error(node, "segments", "must name at least one segment") }
        return segments
    }

    func theaters(_ node: Node) throws(InputError) -> [TheaterRule] {
        var theaters: [TheaterRule] = []
        for (name, keyNode, value) in try entries(node, "theaters", section: "theaters", allowed: nil) {
            let path = "theaters.\(name)"
            if theaters.contains(where: { $0.name == name }) { throw error(keyNode, "theaters", value: name, "repeats a theater") }
            var rule = TheaterRule(name: name)
            if !isNull(value) {
                for (k, _, v) in try entries(value, path, section: path, allowed: ["countries", "states"]) {
                    if k == "countries" { rule.countries = try strings(v, "\(path).countries") } else { rule.states = try strings(v, "\(path).states") }
                }
            }
            theaters.append(rule)
        }
        return theaters
    }

    static let bottomUpKeys = ["hours_per_week", "weeks", "touches_per_account", "minutes_per_touch"]

    /// The range of one key of a capacity model.
    static func capacityRange(_ key: String) -> ClosedRange<Double> {
        switch key {
        case "units": InputLimits.capacity
        case "hours_per_week": InputLimits.hoursPerWeek
        case "weeks": InputLimits.weeks
        default: InputLimits.effort
        }
    }

    func capacity(_ node: Node, segments: [SegmentRule]) throws(InputError) -> OrderedDictionary<String, CapacityModel> {
        var models: OrderedDictionary<String, CapacityModel> = [:]
        let names = segments.map(\.name)
        for (name, keyNode, value) in try entries(node, "capacity", section: "capacity", allowed: nil) {
            guard let segment = names.first(where: { $0.lowercased() == name.lowercased() }) else {
                throw InputError(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column,
                                 problem: "capacity for \"\(name)\", which is not a segment (\(names.joined(separator: ", ")))"
                                    + Suggestion.phrase(for: name, in: names))
            }
            let path = "capacity.\(name)"
            var values: [String: Double] = [:]
            for (k, _, v) in try entries(value, path, section: path, allowed: ["units"] + PolicyReader.bottomUpKeys) {
                values[k] = try number(v, "\(path).\(k)", in: PolicyReader.capacityRange(k), positive: k != "units")
            }
            if let units = values["units"] {
                guard values.count == 1 else {
                    throw error(value, path, "gives both units and the bottom-up model; give one")
                }
                models[segment] = .units(units)
            } else {
                let missing = PolicyReader.bottomUpKeys.filter { values[$0] == nil }
                guard missing.isEmpty else {
                    throw error(value, path, "needs \(missing.joined(separator: ", ")) (or a fixed `units:`)")
                }
                let model = CapacityModel.bottomUp(hoursPerWeek: values["hours_per_week"] ?? 0, weeks: values["weeks"] ?? 0,
                                                   touchesPerAccount: values["touches_per_account"] ?? 0,
                                                   minutesPerTouch: values["minutes_per_touch"] ?? 0)
                guard InputLimits.capacity.contains(model.units) else {
                    throw error(value, path, value: CSVBuffer.number(model.units),
                                "units come out of the bottom-up model, outside \(InputLimits.phrase(InputLimits.capacity))")
                }
                models[segment] = model
            }
        }
        return models
    }
}
