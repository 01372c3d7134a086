import Testing
@testable import DynamicBooks

@Suite("Capacity")
struct CapacityTests {
    @Test("The bottom-up model: SPEC's SMB example is 150 units")
    func smbExample() {
        #expect(CapacityModel.bottomUp(hoursPerWeek: 15, weeks: 4, touchesPerAccount: 6, minutesPerTouch: 4).units == 150)
        // floor(15 × 60 × 4 ÷ 48) = floor(75) and floor(10 × 60 × 4 ÷ 35) = floor(68.57…) = 68
        #expect(CapacityModel.bottomUp(hoursPerWeek: 15, weeks: 4, touchesPerAccount: 8, minutesPerTouch: 6).units == 75)
        #expect(CapacityModel.bottomUp(hoursPerWeek: 10, weeks: 4, touchesPerAccount: 7, minutesPerTouch: 5).units == 68)
        #expect(Rep(id: "R", segment: "SMB").capacity(under: Policy()) == 150)
    }

    @Test("Rep capacity: the column, else the segment's model, times ramp")
    func repCapacity() {
        let policy = Policy()
        #expect(Rep(id: "R", segment: "SMB", ramp: 0.5).capacity(under: policy) == 75)
        #expect(Rep(id: "R", segment: "MM", capacity: 80, ramp: 0.5).capacity(under: policy) == 40)
        #expect(Rep(id: "R", segment: "ENT").capacity(under: policy) == 120)
        var noModel = policy
        noModel.capacity = [:]
        #expect(Rep(id: "R", segment: "SMB").baseCapacity(under: noModel) == nil)
    }

    func scored(_ id: String, segment: String, theater: String?, score: Double, workload: Double = 1, excluded: Bool = false) -> ScoredAccount {
        let tier: Tier = score >= 75 ? .a : score >= 55 ? .b : score >= 35 ? .c : .d
        return ScoredAccount(account: Account(id: AccountID(id)), score: score, tier: tier, segment: segment, theater: theater,
                             workload: workload, excludedBy: excluded ? "x" : nil)
    }

    @Test("Uncovered A/B accounts and the reps it takes to cover them")
    func uncovered() throws {
        var policy = Policy()
        policy.theaters = [TheaterRule(name: "NA", countries: ["US"]), TheaterRule(name: "EMEA", countries: ["GB"])]
        let reps = [Rep(id: "R1", segment: "SMB", theaters: ["NA"]),                  // 150
                    Rep(id: "R2", segment: "SMB", theaters: ["NA"], ramp: 0.5),       // 75
                    Rep(id: "R3", segment: "SMB", theaters: ["NA", "EMEA"])]          // 75 in each
        var accounts: [ScoredAccount] = []
        for i in 0 ..< 400 { accounts.append(scored("N\(1000 + i)", segment: "SMB", theater: "NA", score: 90 - Double(i % 50))) }
        accounts.append(scored("X1", segment: "SMB", theater: "NA", score: 99, excluded: true))
        accounts.append(scored("U1", segment: "SMB", theater: nil, score: 99))
        for i in 0 ..< 10 { accounts.append(scored("E\(i)", segment: "ENT", theater: "EMEA", score: 80, workload: 3)) }
        let analysis = CapacityAnalysis(accounts: accounts, reps: reps, policy: policy, asOf: Day(year: 2026, month: 1, day: 1))
        #expect(analysis.excluded == 1 && analysis.unmapped == 1)
        let na = try #require(analysis.cells.first { $0.segment == "SMB" && $0.theater == "NA" })
        #expect(na.reps == 2.5 && na.capacity == 300)
        // Scores 90…41 repeat: A = 90…75 (16 of 50), B = 74…55 (20 of 50), C the rest.
        #expect(na.accounts == [128, 160, 112, 0])
        #expect(na.units(atLeast: .b) == 288)
        #expect(na.uncoveredAB == 0 && na.repsNeeded == 0)
        let emea = try #require(analysis.cells.first { $0.segment == "SMB" && $0.theater == "EMEA" })
        #expect(emea.reps == 0.5 && emea.capacity == 75)
        // ENT in EMEA: 30 units of A, no reps; the ENT model (120 units) sizes the rep: 1 needed.
        let ent = try #require(analysis.cells.first { $0.segment == "ENT" && $0.theater == "EMEA" })
        #expect(ent.capacity == 0 && ent.uncoveredAB == 10 && ent.uncoveredABUnits == 30 && ent.repsNeeded == 1)
        // Every policy segment × theater appears, in policy order.
        #expect(analysis.cells.map { "\($0.segment)/\($0.theater)" }
            == ["SMB/NA", "SMB/EMEA", "MM/NA", "MM/EMEA", "ENT/NA", "ENT/EMEA"])
    }

    @Test("Short capacity: best scores are covered first; reps needed round up")
    func shortCapacity() throws {
        var policy = Policy()
        policy.theaters = [TheaterRule(name: "NA", countries: ["US"])]
        let reps = [Rep(id: "R1", segment: "MM", theaters: ["NA"]), Rep(id: "R2", segment: "MM", theaters: ["NA"], ramp: 0.6)]  // 75 + 45
        let accounts = (0 ..< 200).map { scored(String(format: "M%03d", $0), segment: "MM", theater: "NA", score: 80) }
        let analysis = CapacityAnalysis(accounts: accounts, reps: reps, policy: policy, asOf: Day(year: 2026, month: 1, day: 1))
        let cell = try #require(analysis.cells.first { $0.segment == "MM" })
        #expect(cell.capacity == 120)
        #expect(cell.uncoveredAB == 80 && cell.uncoveredABUnits == 80)
        // 80 units ÷ (120 / 2 reps = 60 per rep) = 1.33 → 2 reps.
        #expect(cell.repsNeeded == 2)
        #expect(analysis.reps.map(\.capacity) == [75, 45])
    }
}
