extension Generator {
    /// The policy that goes with the generated data: every section written out, scoring rules on
    /// industry, size, intent and customers, a web-visits signal, exclusions, and the theaters
    /// and segments of the configuration.
    public func policy() -> Policy {
        var policy = Policy()
        policy.scoring = Scoring(
            rules: [
                ScoringRule(when: Condition([Clause(field: "industry", test: .oneOf(["Software", "Fintech"]))]), points: 25),
                ScoringRule(when: Condition([Clause(field: "industry", test: .oneOf(["Healthcare", "Logistics", "Manufacturing"]))]), points: 15),
                ScoringRule(when: Condition([Clause(field: "employees", test: .between(20, 5000))]), points: 20),
                ScoringRule(when: Condition([Clause(field: "intent", test: .greaterOrEqual(70))]), points: 30),
                ScoringRule(when: Condition([Clause(field: "intent", test: .greaterOrEqual(40)),
                                             Clause(field: "intent", test: .less(70))]), points: 15),
                ScoringRule(when: Condition([Clause(field: "customer", test: .equalsBool(true))]), points: 10),
            ],
            signals: [Signal(field: "web_visits_30d", perUnit: 1, max: 15)],
            exclude: [
                Condition([Clause(field: "industry", test: .oneOf(["Government"]))]),
                Condition([Clause(field: "employees", test: .less(3))]),
            ])
        policy.tiers = TierThresholds(a: 75, b: 55, c: 35)
        switch configuration.segments {
        case 1:
            policy.segments = [SegmentRule(name: "ALL", maxEmployees: nil, workload: 1)]
            policy.capacity = ["ALL": .bottomUp(hoursPerWeek: 15, weeks: 4, touchesPerAccount: 6, minutesPerTouch: 5)]
        case 2:
            policy.segments = [SegmentRule(name: "SMB", maxEmployees: 499, workload: 1),
                               SegmentRule(name: "ENT", maxEmployees: nil, workload: 3)]
            policy.capacity = ["SMB": .bottomUp(hoursPerWeek: 15, weeks: 4, touchesPerAccount: 6, minutesPerTouch: 4),
                               "ENT": .units(120)]
        default:
            policy.segments = [SegmentRule(name: "SMB", maxEmployees: 199, workload: 1),
                               SegmentRule(name: "MM", maxEmployees: 999, workload: 1),
                               SegmentRule(name: "ENT", maxEmployees: nil, workload: 3)]
            policy.capacity = ["SMB": .bottomUp(hoursPerWeek: 15, weeks: 4, touchesPerAccount: 6, minutesPerTouch: 4),
                               "MM": .bottomUp(hoursPerWeek: 15, weeks: 4, touchesPerAccount: 8, minutesPerTouch: 6),
                               "ENT": .units(120)]
        }
        if configuration.states {
            policy.theaters = Vocabulary.licensedStates.prefix(configuration.theaters).map {
                TheaterRule(name: $0, states: [$0])
            }
        } else {
            policy.theaters = Vocabulary.theaters.prefix(configuration.theaters).map { theater in
                TheaterRule(name: theater.name, countries: theater.countries.map(\.code))
            }
        }
        return policy
    }
}

/// The segments of a policy in a form the generator can draw against.
struct SegmentPlan {
    var names: [String]
    var maxEmployees: [Double?]
    var workloads: [Double]
    /// Units of capacity of one fully ramped rep of each segment.
    var repUnits: [Double]

    init(policy: Policy) {
        names = policy.segments.map(\.name)
        maxEmployees = policy.segments.map(\.maxEmployees)
        workloads = policy.segments.map(\.workload)
        repUnits = policy.segments.map { policy.capacity[$0.name]?.units ?? 100 }
    }

    /// The index of the segment `employees` falls in (first whose maximum admits it).
    func segment(employees: Double) -> Int {
        for (i, max) in maxEmployees.enumerated() where max.map({ employees <= $0 }) ?? true { return i }
        return names.count - 1
    }
}
