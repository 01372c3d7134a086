import DynamicBooks
import Testing

@Suite("Loop: return guardrails")
struct LoopReturnGuardrailsTests {
    let day = Day(year: 2026, month: 11, day: 29)
    let guardrails = ReturnGuardrails(policy: Policy())

    func request(_ reason: String = "not_interested") -> ReturnRequest {
        ReturnRequest(accountID: "A1", repID: "R1", date: day, reason: reason)
    }

    func facts(held: Int = 30, activities: Int = 5, recent: Int = 0) -> ReturnGuardrails.Facts {
        .init(ownedSince: day - held, qualifyingActivities: activities, acceptedReturnsInLast30Days: recent)
    }

    @Test func acceptsWithinEveryRuleAndAppliesTheReasonsEffects() {
        let decision = guardrails.decide(request(), facts: facts())
        #expect(decision == .accepted(ReturnEffects(restUntil: day + 90, disqualify: false, dataReview: false,
                                                    barredUntil: day + 180)))
        #expect(decision.description == "accepted: rests until 2027-02-27, barred from the rep until 2027-05-28")
    }

    @Test(arguments: [("poor_fit", true, false), ("bad_data", false, true)])
    func disqualifyAndDataReviewReasons(reason: String, disqualify: Bool, review: Bool) {
        guard case let .accepted(effects) = guardrails.decide(request(reason), facts: facts()) else {
            Issue.record("expected acceptance"); return
        }
        #expect(effects.restUntil == nil)
        #expect(effects.disqualify == disqualify)
        #expect(effects.dataReview == review)
    }

    @Test func rejectsAShortHoldWithTheNumbers() {
        let decision = guardrails.decide(request(), facts: facts(held: 6))
        #expect(decision.description == "rejected: held 6 days, policy returns.min_hold_days is 14")
    }

    @Test func holdIsInclusiveOfTheMinimum() {
        #expect(guardrails.decide(request(), facts: facts(held: 14)).isAccepted)
        #expect(!guardrails.decide(request(), facts: facts(held: 13)).isAccepted)
    }

    @Test func rejectsTooFewActivities() {
        let decision = guardrails.decide(request(), facts: facts(activities: 2))
        #expect(decision == .rejected([ReturnViolation(
            rule: .minActivities,
            message: "2 qualifying activities (call, email, meeting) since 2026-10-30, policy returns.min_activities is 3")]))
    }

    @Test func rejectsOverTheThirtyDayLimit() {
        #expect(guardrails.decide(request(), facts: facts(recent: 14)).isAccepted)
        let decision = guardrails.decide(request(), facts: facts(recent: 15))
        guard case let .rejected(violations) = decision else { Issue.record("expected rejection"); return }
        #expect(violations.map(\.rule) == [.maxPerRepPer30Days])
        #expect(violations[0].message.hasSuffix("policy returns.max_per_rep_per_30_days is 15"))
    }

    @Test func unknownReasonIsRejectedNamingTheKnownOnes() {
        let decision = guardrails.decide(request("bored"), facts: facts())
        #expect(decision.description == "rejected: reason \"bored\" is not a policy reason; policy returns.reasons has "
                + "bad_data, bad_timing, not_interested, poor_fit, worked_to_completion")
    }

    @Test func reportsEveryBrokenRuleInOrder() {
        guard case let .rejected(violations) = guardrails.decide(request("bored"), facts: facts(held: 1, activities: 0, recent: 20)) else {
            Issue.record("expected rejection"); return
        }
        #expect(violations.map(\.rule) == [.reason, .minHoldDays, .minActivities, .maxPerRepPer30Days])
    }

    @Test func aReasonWithoutEffectsOnlyBars() {
        var policy = Policy()
        policy.returns.reasons = ["other": ReturnReason()]
        policy.returns.sameRepDays = 10
        let decision = ReturnGuardrails(policy: policy).decide(request("other"), facts: facts())
        #expect(decision == .accepted(ReturnEffects(restUntil: nil, disqualify: false, dataReview: false, barredUntil: day + 10)))
    }
}
