import DynamicBooks
import Testing

@Suite("Loop: eligibility")
struct LoopEligibilityTests {
    let day = Day(year: 2026, month: 11, day: 29)

    func account(tier: Tier = .a, theater: String? = "NA", industry: String = "Software", owner: RepID? = nil,
                 excludedBy: String? = nil) -> ScoredAccount {
        ScoredAccount(account: Account(id: "A1", industry: industry, owner: owner), score: 80, tier: tier,
                      segment: "SMB", theater: theater, workload: 1, excludedBy: excludedBy)
    }

    let rep = Rep(id: "R1", segment: "SMB", theaters: ["NA"], specialties: ["software"])

    func verdict(_ account: ScoredAccount, _ rep: Rep, _ restrictions: AccountRestrictions = .init()) -> EligibilityVerdict {
        Eligibility(policy: Policy(), restrictions: restrictions, day: day).verdict(for: account, rep: rep)
    }

    @Test func valueMultipliesSpecialtyAndIncumbent() {
        #expect(verdict(account(industry: "Retail"), rep) == .eligible(value: 80))
        #expect(verdict(account(), rep) == .eligible(value: 80 * 1.15))
        #expect(verdict(account(owner: "R1"), rep) == .eligible(value: 80 * 1.15 * 1.25))
    }

    @Test func rulesInOrder() {
        var restrictions = AccountRestrictions()
        restrictions.bar("A1", from: "R1", until: day + 5)
        #expect(verdict(account(), rep, restrictions) == .ineligible(.barred(until: day + 5)))
        restrictions.rest("A1", until: day + 2)
        #expect(verdict(account(), rep, restrictions) == .ineligible(.resting(until: day + 2)))
        restrictions.inDataReview.insert("A1")
        #expect(verdict(account(), rep, restrictions) == .ineligible(.dataReview))
        restrictions.disqualified.insert("A1")
        #expect(verdict(account(), rep, restrictions) == .ineligible(.disqualified))
        #expect(verdict(account(excludedBy: "industry: Government"), rep) == .ineligible(.excluded(rule: "industry: Government")))
    }

    @Test func restsAndBarsEndOnTheirDay() {
        var restrictions = AccountRestrictions()
        restrictions.rest("A1", until: day)
        restrictions.bar("A1", from: "R1", until: day)
        #expect(verdict(account(), rep, restrictions) == .eligible(value: 80 * 1.15))
    }

    @Test func repRules() {
        #expect(verdict(account(tier: .d), rep) == .ineligible(.belowMinTier(tier: .d, minimum: .c)))
        #expect(verdict(account(theater: nil), rep) == .ineligible(.unmappedTheater))
        #expect(verdict(account(theater: "EMEA"), rep) == .ineligible(.wrongTheater(account: "EMEA", rep: ["NA"])))
        #expect(verdict(account(), Rep(id: "R2", segment: "MM")) == .ineligible(.wrongSegment(rep: "MM", account: "SMB")))
        let away = Rep(id: "R3", segment: "SMB", unavailableUntil: day + 1)
        #expect(verdict(account(), away) == .ineligible(.unavailable(until: day + 1)))
        #expect(verdict(account(owner: "R3"), away) == .eligible(value: 80 * 1.25))   // keeps what it owns
        #expect(verdict(account(theater: "APAC"), Rep(id: "R4", segment: "SMB")) == .eligible(value: 80))
        #expect(verdict(account(theater: "na"), Rep(id: "R5", segment: "smb", theaters: ["NA"])) == .eligible(value: 80))
    }

    @Test func capacityFromTheModelTimesRamp() {
        let eligibility = Eligibility(policy: Policy(), restrictions: .init(), day: day)
        #expect(eligibility.capacity(of: Rep(id: "R1", segment: "SMB", ramp: 0.5)) == 75)
        #expect(eligibility.capacity(of: Rep(id: "R2", segment: "ENT", capacity: 30)) == 30)
        #expect(eligibility.capacity(of: Rep(id: "R3", segment: "XL")) == 0)
    }
}
