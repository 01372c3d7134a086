import Testing
@testable import DynamicBooks

@Suite("Scoring, tiers, segments, theaters")
struct ScorerTests {
    static let policy: Policy = {
        var p = Policy()
        p.scoring = Scoring(
            rules: [ScoringRule(when: Condition([Clause(field: "industry", test: .oneOf(["Software"]))]), points: 25),
                    ScoringRule(when: Condition([Clause(field: "employees", test: .between(50, 2000))]), points: 20),
                    ScoringRule(when: Condition([Clause(field: "intent", test: .greaterOrEqual(70))]), points: 30)],
            signals: [Signal(field: "web_visits_30d", perUnit: 0.5, max: 15)],
            exclude: [Condition([Clause(field: "industry", test: .oneOf(["Government"]))])])
        return p
    }()

    func account(_ id: String, industry: String? = nil, employees: Double? = nil, intent: Int? = nil, visits: Int? = nil,
                 country: String? = "US") -> Account {
        var attributes: [String: String] = [:]
        attributes["intent"] = intent.map(String.init)
        attributes["web_visits_30d"] = visits.map(String.init)
        return Account(id: AccountID(id), country: country, industry: industry, employees: employees, attributes: attributes)
    }

    @Test("Hand-checked scores and tiers")
    func handChecked() {
        let scorer = Scorer(policy: Self.policy, attributeColumns: ["intent", "web_visits_30d"])
        // 25 + 20 + 30 + min(40 × 0.5, 15) = 90 → A
        let a = scorer.score(account("A", industry: "Software", employees: 120, intent: 80, visits: 40))
        #expect(a.score == 90 && a.tier == .a && a.excludedBy == nil)
        // 20 + 10 × 0.5 = 25 → D
        let b = scorer.score(account("B", industry: "Retail", employees: 120, intent: 10, visits: 10))
        #expect(b.score == 25 && b.tier == .d)
        // 25 + 30 = 55: exactly B's threshold; industry matches ignoring case
        let c = scorer.score(account("C", industry: "software", employees: 30, intent: 75, visits: 0))
        #expect(c.score == 55 && c.tier == .b)
        // 20 + 30 = 50 → C, but excluded
        let d = scorer.score(account("D", industry: "Government", employees: 500, intent: 90))
        #expect(d.score == 50 && d.tier == .c && d.excludedBy == "{ industry: Government }")
        // Missing signals and attributes score nothing.
        let e = scorer.score(account("E"))
        #expect(e.score == 0 && e.tier == .d)
    }

    @Test("Scores are clamped to 0…100")
    func clamped() {
        var policy = Policy()
        policy.scoring.rules = [ScoringRule(when: Condition([Clause(field: "industry", test: .oneOf(["Software"]))]), points: 150),
                                ScoringRule(when: Condition([Clause(field: "industry", test: .oneOf(["Retail"]))]), points: -40)]
        let scorer = Scorer(policy: policy)
        #expect(scorer.score(account("A", industry: "Software")).score == 100)
        #expect(scorer.score(account("B", industry: "Retail")).score == 0)
    }

    @Test("Without rules or signals the score column is the score")
    func scoreColumn() {
        let scorer = Scorer(policy: Policy())
        var a = account("A")
        a.score = 61.5
        #expect(scorer.score(a).score == 61.5 && scorer.score(a).tier == .b)
        #expect(scorer.score(account("B")).score == 0)
    }

    @Test("Segment from the column, else the first segment whose max_employees admits the account", arguments: [
        (nil as String?, 199.0 as Double?, "SMB"), (nil, 200, "MM"), (nil, 999, "MM"), (nil, 1000, "ENT"), (nil, nil, "SMB"),
        ("mm", 5, "MM"), ("ENT", 10, "ENT"),
    ])
    func segments(column: String?, employees: Double?, expected: String) {
        var a = account("A", employees: employees)
        a.segment = column
        #expect(Scorer(policy: Policy()).score(a).segment == expected)
    }

    @Test("Workload from the column, else the segment's")
    func workload() {
        let scorer = Scorer(policy: Policy())
        #expect(scorer.score(account("A", employees: 5000)).workload == 3)
        #expect(scorer.score(account("B", employees: 5)).workload == 1)
        var c = account("C", employees: 5000)
        c.workload = 2
        #expect(scorer.score(c).workload == 2)
    }

    @Test("Theater from the column, else the map by country, then state")
    func theaters() {
        var policy = Policy()
        policy.theaters = [TheaterRule(name: "NA", countries: ["US", "CA"]), TheaterRule(name: "NY", states: ["NY"]),
                           TheaterRule(name: "EMEA", countries: ["GB"])]
        let scorer = Scorer(policy: policy)
        var a = account("A", country: "us")
        #expect(scorer.theater(of: a) == "NA")
        a.state = "NY"
        #expect(scorer.theater(of: a) == "NA")            // country first
        a.country = "ZZ"
        #expect(scorer.theater(of: a) == "NY")            // then state
        a.country = "BR"; a.state = nil
        #expect(scorer.theater(of: a) == nil)
        a.theater = "LATAM"
        #expect(scorer.theater(of: a) == "LATAM")         // the column wins
    }

    @Test("Regulated variant: theaters are states")
    func stateTheaters() {
        var policy = Policy()
        policy.theaters = [TheaterRule(name: "NY", states: ["NY"]), TheaterRule(name: "NJ", states: ["NJ"])]
        let scorer = Scorer(policy: policy)
        var a = account("A", country: "US")
        a.state = "NJ"
        #expect(scorer.theater(of: a) == "NJ")
        a.state = "TX"
        #expect(scorer.theater(of: a) == nil)
    }

    @Test("Fields match like headers, against columns and attributes")
    func fieldMatching() {
        var policy = Policy()
        policy.scoring.rules = [
            ScoringRule(when: Condition([Clause(field: "Intent Score", test: .greater(50))]), points: 10),
            ScoringRule(when: Condition([Clause(field: "AnnualRevenue", test: .lessOrEqual(1_000_000))]), points: 20),
            ScoringRule(when: Condition([Clause(field: "partner", test: .equalsBool(true))]), points: 30),
            ScoringRule(when: Condition([Clause(field: "customer", test: .equalsBool(false))]), points: 1),
            ScoringRule(when: Condition([Clause(field: "Region Code", test: .oneOf(["7", "9"]))]), points: 2),
        ]
        let scorer = Scorer(policy: policy, attributeColumns: ["intent_score", "Partner", "region code"])
        var a = Account(id: "A", annualRevenue: 1_000_000, attributes: ["intent_score": "51", "Partner": "yes", "region code": "7.0"])
        #expect(scorer.score(a).score == 63)
        a.customer = true
        a.attributes["Partner"] = "no"
        #expect(scorer.score(a).score == 32)
        // Without the attribute headers given up front, fields are still found by name.
        #expect(Scorer(policy: policy).score(a).score == 32)
    }

    @Test("Scoring many accounts in parallel gives the same as one by one, in order")
    func parallelMatchesSerial() {
        var rng = SeededGenerator(seed: 3)
        let data = Generator(.init(accounts: 40_000, reps: 50)).generate(using: &rng)
        let scorer = Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns)
        let all = scorer.score(data.accounts)
        #expect(all.count == data.accounts.count)
        for i in stride(from: 0, to: all.count, by: 997) { #expect(all[i] == scorer.score(data.accounts[i])) }
    }

    @Test("Tier summary and unmapped report")
    func summaries() {
        let scorer = Scorer(policy: Self.policy, attributeColumns: ["intent", "web_visits_30d"])
        let scored = scorer.score([
            account("A1", industry: "Software", employees: 120, intent: 80, visits: 40),
            account("A2", industry: "Retail", employees: 120, country: "BR"),
            account("A3", industry: "Government", employees: 500, intent: 90, country: "GB"),
            account("A4", country: "BR"), account("A5", country: "BR"), account("A6", country: "BR"),
            account("A7", country: nil),
        ])
        let summary = TierSummary(scored, policy: Self.policy)
        #expect(summary.totals.accounts == 7 && summary.totals.a == 1 && summary.totals.excluded == 1 && summary.totals.d == 5)
        #expect(summary.cells.map { "\($0.segment)/\($0.theater ?? "-")" } == ["SMB/NA", "SMB/-", "MM/EMEA"])
        #expect(summary.unmapped.count == 5)
        #expect(summary.unmapped.places.map(\.place) == ["BR", "no country or state"])
        #expect(summary.unmapped.places[0].count == 4 && summary.unmapped.places[0].examples == ["A2", "A4", "A5"])
    }
}
