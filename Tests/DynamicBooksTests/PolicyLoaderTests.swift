import Testing
@testable import DynamicBooks

@Suite("Policy loader")
struct PolicyLoaderTests {
    func error(_ yaml: String) throws -> String {
        let error = try #require(throws: InputError.self) { try PolicyLoader.parse(yaml) }
        #expect(!error.description.contains("\n"))
        return error.description
    }

    @Test("An empty file, or one of comments, is the default policy", arguments: ["", "# nothing here\n", "---\n", "scoring:\ntiers:\n"])
    func emptyIsDefault(yaml: String) throws {
        #expect(try PolicyLoader.parse(yaml) == Policy())
    }

    @Test("Defaults are SPEC §2's")
    func defaults() {
        let p = Policy()
        #expect(p.tiers == TierThresholds(a: 75, b: 55, c: 35))
        #expect(p.segments.map(\.name) == ["SMB", "MM", "ENT"])
        #expect(p.capacity["SMB"]?.units == 150)
        #expect(p.assignment.minTier == .c)
        #expect(p.assignment.fairnessMode == .soft)
        #expect(p.assignment.maxMovesPerRep == 25)
        #expect(p.returns.reasons["poor_fit"]?.disqualify == true)
        #expect(p.coverage.activityTypes == ["call", "email", "meeting"])
        #expect(p.routing.strategy == .leastLoaded)
    }

    static let everyKey = """
    scoring:
      rules:
        - when: { industry: [Software, Fintech] }
          points: 25
        - when: { employees: { between: [50, 2000] }, customer: false }
          points: 20
        - when: { intent: { gte: 70, lt: 101 } }
          points: 30
        - when: { Annual Revenue: { gt: 1000000 }, country: US }
          points: 5
      signals:
        - { field: web_visits_30d, per_unit: 0.5, max: 15 }
        - { field: downloads, per_unit: 2 }
      exclude:
        - when: { industry: [Government] }
        - when: { employees: { lte: 2 } }
    tiers: { A: 80, B: 60, C: 30 }
    segments:
      Small: { max_employees: 99 }
      Mid: { max_employees: 999, workload: 1.5 }
      Large: { workload: 4 }
    theaters:
      West: { states: [CA, WA] }
      NA: { countries: [US, CA] }
      DACH: { countries: [DE, AT, CH] }
    capacity:
      Large: { units: 100 }
      Small: { hours_per_week: 15, weeks: 4, touches_per_account: 6, minutes_per_touch: 4 }
    assignment:
      min_tier: B
      lock_customers: false
      fit: { specialty: 1.2, incumbent: 1.3 }
      fairness: { band: 0.1, mode: hard, penalty: 2 }
      continuity: { max_moves_per_rep: unlimited, keep_worked: false }
      solver: greedy
      time_limit_s: 5
      mip_gap: 0.01
    returns:
      reasons:
        not_interested: { rest_days: 30 }
        wrong_person: { data_review: true }
        closed: { disqualify: true }
      min_hold_days: 7
      min_activities: 1
      max_per_rep_per_30_days: 5
      same_rep_days: 90
    coverage:
      activity_types: [Call, Meeting]
      window_days: 21
      min_activities: 3
      grace_days: 10
      retrieve_after_days: 60
      min_rep_coverage: 0.5
    topoff:
      order: [score desc, { employees: desc }, id]
    routing:
      strategy: weighted_round_robin
      overflow: pool
    """

    @Test("Every key is read")
    func everyKeyParsed() throws {
        let p = try PolicyLoader.parse(Self.everyKey)
        #expect(p.scoring.rules.count == 4)
        #expect(p.scoring.rules[0] == ScoringRule(when: Condition([Clause(field: "industry", test: .oneOf(["Software", "Fintech"]))]), points: 25))
        #expect(p.scoring.rules[1].when.clauses == [Clause(field: "employees", test: .between(50, 2000)),
                                                    Clause(field: "customer", test: .equalsBool(false))])
        #expect(p.scoring.rules[2].when.clauses == [Clause(field: "intent", test: .greaterOrEqual(70)),
                                                    Clause(field: "intent", test: .less(101))])
        #expect(p.scoring.rules[3].when.clauses == [Clause(field: "Annual Revenue", test: .greater(1_000_000)),
                                                    Clause(field: "country", test: .oneOf(["US"]))])
        #expect(p.scoring.signals == [Signal(field: "web_visits_30d", perUnit: 0.5, max: 15), Signal(field: "downloads", perUnit: 2)])
        #expect(p.scoring.exclude == [Condition([Clause(field: "industry", test: .oneOf(["Government"]))]),
                                      Condition([Clause(field: "employees", test: .lessOrEqual(2))])])
        #expect(p.tiers == TierThresholds(a: 80, b: 60, c: 30))
        #expect(p.segments == [SegmentRule(name: "Small", maxEmployees: 99), SegmentRule(name: "Mid", maxEmployees: 999, workload: 1.5),
                               SegmentRule(name: "Large", maxEmployees: nil, workload: 4)])
        #expect(p.theaters == [TheaterRule(name: "West", states: ["CA", "WA"]), TheaterRule(name: "NA", countries: ["US", "CA"]),
                               TheaterRule(name: "DACH", countries: ["DE", "AT", "CH"])])
        #expect(Array(p.capacity.keys) == ["Large", "Small"])
        #expect(p.capacity["Large"] == .units(100))
        #expect(p.capacity["Small"]?.units == 150)
        let a = p.assignment
        #expect(a.minTier == .b && !a.lockCustomers && a.specialtyFit == 1.2 && a.incumbentFit == 1.3)
        #expect(a.fairnessBand == 0.1 && a.fairnessMode == .hard && a.fairnessPenalty == 2)
        #expect(a.maxMovesPerRep == nil && !a.keepWorked && a.solver == .greedy && a.timeLimitSeconds == 5 && a.mipGap == 0.01)
        #expect(p.returns.reasons == ["not_interested": ReturnReason(restDays: 30), "wrong_person": ReturnReason(dataReview: true),
                                      "closed": ReturnReason(disqualify: true)])
        #expect(p.returns.minHoldDays == 7 && p.returns.minActivities == 1)
        #expect(p.returns.maxPerRepPer30Days == 5 && p.returns.sameRepDays == 90)
        #expect(p.coverage.activityTypes == ["call", "meeting"])
        #expect(p.coverage.windowDays == 21 && p.coverage.minActivities == 3 && p.coverage.graceDays == 10)
        #expect(p.coverage.retrieveAfterDays == 60 && p.coverage.minRepCoverage == 0.5)
        #expect(p.topoff.order == [SortKey(field: "score", descending: true), SortKey(field: "employees", descending: true),
                                   SortKey(field: "id", descending: false)])
        #expect(p.routing.strategy == .weightedRoundRobin && p.routing.overflow == .pool)
    }

    @Test("A section given keeps the defaults of the keys it leaves out")
    func partialSection() throws {
        let p = try PolicyLoader.parse("assignment:\n  min_tier: a\ntiers: { A: 90 }\n")
        var expected = Policy()
        expected.assignment.minTier = .a
        expected.tiers.a = 90
        #expect(p == expected)
    }

    @Test("Every engine budget is a key of assignment.work, and the YAML written keeps it")
    func workBudget() throws {
        let policy = try PolicyLoader.parse("""
            assignment:
              work: { search_evaluations: 11, glpk_arc_limit: 12, proof_arc_limit: 13, mip_presolve_arc_limit: 14,
                      close_gap_arc_limit: 15, search_cell_limit: 16, search_time_share: 0.25, relaxation_arcs: 17 }
            """)
        let w = policy.assignment.work
        #expect([w.searchEvaluations, w.glpkArcLimit, w.proofArcLimit, w.mipPresolveArcLimit, w.closeGapArcLimit, w.searchCellLimit,
                 w.relaxationArcs] == [11, 12, 13, 14, 15, 16, 17])
        #expect(w.searchTimeShare == 0.25)
        #expect(try PolicyLoader.parse(policy.yaml) == policy)
        #expect(Planner.options(from: policy).budget == w)
        #expect(try error("assignment:\n  work: { search_time_share: 2 }\n")
            == #"policy.yaml:2:30 (assignment.work.search_time_share): "2" is outside 0–1"#)
    }

    @Test("The YAML written for a policy reads back to the same policy")
    func roundTrip() throws {
        #expect(try PolicyLoader.parse(Policy().yaml) == Policy())
        let full = try PolicyLoader.parse(Self.everyKey)
        #expect(try PolicyLoader.parse(full.yaml) == full)
        for config in [Generator.Configuration(), Generator.Configuration(segments: 2, theaters: 4),
                       Generator.Configuration(segments: 1, theaters: 3, states: true)] {
            let policy = Generator(config).policy()
            #expect(try PolicyLoader.parse(policy.yaml) == policy)
        }
    }

    @Test("Unknown keys are rejected with a did-you-mean at their place")
    func unknownKeys() throws {
        #expect(try error("assignment:\n  min_tier: B\n  fairnes: { band: 0.2 }\n")
            == #"policy.yaml:3:3: unknown key "fairnes" in assignment (did you mean "fairness"?)"#)
        #expect(try error("scorng:\n  rules: []\n") == #"policy.yaml:1:1: unknown key "scorng" in the policy (did you mean "scoring"?)"#)
        #expect(try error("coverage:\n  window: 30\n")
            == #"policy.yaml:2:3: unknown key "window" in coverage (known keys: activity_types, window_days, min_activities, grace_days, retrieve_after_days, min_rep_coverage)"#)
        #expect(try error("scoring:\n  rules:\n    - when: { employees: { gtee: 5 } }\n      points: 1\n")
            == #"policy.yaml:3:28: unknown key "gtee" in scoring.rules[1].when.employees (did you mean "gte"?)"#)
    }

    @Test("Wrong types give the key path and the value")
    func wrongTypes() throws {
        #expect(try error("assignment:\n  fairness: { band: high }\n")
            == #"policy.yaml:2:21 (assignment.fairness.band): "high" is not a number"#)
        #expect(try error("assignment:\n  fairness: { mode: sofft }\n")
            == #"policy.yaml:2:21 (assignment.fairness.mode): "sofft" is not one of off, soft, hard (did you mean "soft"?)"#)
        // The solvers are named from the registry, when the policy is read (not when it is used).
        #expect(try error("assignment:\n  solver: lagrang\n").hasPrefix(
            #"policy.yaml:2:11 (assignment.solver): "lagrang" is not one of auto, glpk, greedy, flow, lagrange, ejection"#))
        #expect(try PolicyLoader.parse("assignment:\n  solver: GLPK\n").assignment.solver == .glpk)
        #expect(try error("returns:\n  min_hold_days: 2.5\n")
            == #"policy.yaml:2:18 (returns.min_hold_days): "2.5" is not a whole number of 0 or more"#)
        #expect(try error("assignment:\n  lock_customers: sometimes\n")
            == #"policy.yaml:2:19 (assignment.lock_customers): "sometimes" is not true or false"#)
        #expect(try error("tiers: { A: 50, B: 60 }\n").hasPrefix("policy.yaml:1:8 (tiers): must descend: A ≥ B ≥ C"))
        #expect(try error("tiers: [75, 55]\n").hasPrefix("policy.yaml:1:8 (tiers): must be a mapping"))
        #expect(try error("just text\n").hasPrefix(#"policy.yaml:1:1: "just text" is not a policy"#))
    }

    @Test("Segments, theaters and capacity are checked against each other")
    func crossChecks() throws {
        #expect(try error("segments:\n  ENT: { workload: 3 }\n  SMB: { max_employees: 10 }\n")
            .hasPrefix(#"policy.yaml:3:3 (segments): "SMB" comes after "ENT", which has no max_employees"#))
        #expect(try error("segments:\n  A: { max_employees: 100 }\n  B: { max_employees: 50 }\n")
            .hasPrefix(#"policy.yaml:3:6 (segments.B.max_employees): "50" must be above the previous segment's (100)"#))
        #expect(try error("capacity:\n  SMBB: { units: 10 }\n")
            == #"policy.yaml:2:3: capacity for "SMBB", which is not a segment (SMB, MM, ENT) (did you mean "SMB"?)"#)
        #expect(try error("capacity:\n  SMB: { hours_per_week: 10 }\n")
            .hasPrefix("policy.yaml:2:8 (capacity.SMB): needs weeks, touches_per_account, minutes_per_touch"))
        // Segments replaced without capacity: default models of vanished segments are dropped.
        let p = try PolicyLoader.parse("segments:\n  SMB: { max_employees: 50 }\n  Big: {}\n")
        #expect(Array(p.capacity.keys) == ["SMB"])
    }

    @Test("Invalid YAML is one clear line")
    func invalidYAML() throws {
        let message = try error("scoring:\n  rules: [unclosed\n")
        #expect(message.hasPrefix("policy.yaml:"))
        #expect(message.contains("invalid YAML"))
        #expect(try error("a: 1\na: 2\n").contains(#"duplicate key "a""#))
        #expect(try error("tiers: {A: 1}\n\tB: 2\n").contains("invalid YAML"))
    }
}
