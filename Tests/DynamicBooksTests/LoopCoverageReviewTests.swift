import DynamicBooks
import Testing

@Suite("Loop: coverage review and retrieval")
struct LoopCoverageReviewTests {
    let day = Day(year: 2026, month: 11, day: 29)
    let policy = Policy()

    func owned(_ id: AccountID, by rep: RepID, heldDays: Int, parent: AccountID? = nil,
               locked: Bool = false, customer: Bool = false, crmLast: Day? = nil) -> Account {
        Account(id: id, owner: rep, ownedSince: day - heldDays, lastActivity: crmLast, customer: customer,
                locked: locked, parentID: parent)
    }

    func touches(_ account: AccountID, _ rep: RepID, daysAgo: [Int], type: String = "call") -> [Activity] {
        daysAgo.map { Activity(accountID: account, repID: rep, date: day - $0, type: type) }
    }

    func review(_ accounts: [Account], _ activity: [Activity], reps: [RepID] = ["R1", "R2"]) -> CoverageReport {
        CoverageReview(policy: policy).review(accounts: accounts, activity: ActivityIndex(activity, policy: policy.coverage),
                                              reps: reps, on: day)
    }

    @Test func retrievesAnAccountIdlePastTheLimit() throws {
        let report = review([owned("A1", by: "R1", heldDays: 100)], touches("A1", "R1", daysAgo: [60, 70]))
        let retrieval = try #require(report.retrievals.first)
        #expect(retrieval.account == "A1" && retrieval.rep == "R1")
        #expect(retrieval.idleDays == 60)
        #expect(retrieval.message == "no qualifying activity since 2026-09-30 (60 days), policy coverage.retrieve_after_days is 45")
        #expect(retrieval.barredUntil == day + 180)
    }

    @Test func keepsAnAccountWorkedRecently() {
        let report = review([owned("A1", by: "R1", heldDays: 100)], touches("A1", "R1", daysAgo: [44]))
        #expect(report.retrievals.isEmpty)
    }

    @Test func boundaryIsRetrieveAfterDaysExactly() {
        #expect(review([owned("A1", by: "R1", heldDays: 100)], touches("A1", "R1", daysAgo: [45])).retrievals.count == 1)
    }

    @Test func onlyQualifyingTypesByTheOwnerCount() {
        let noise = touches("A1", "R1", daysAgo: [1], type: "linkedin_view") + touches("A1", "R2", daysAgo: [1])
        let report = review([owned("A1", by: "R1", heldDays: 100)], noise)
        #expect(report.retrievals.map(\.account) == ["A1"])
        #expect(report.retrievals.first?.message.hasPrefix("no qualifying activity since assigned on") == true)
    }

    @Test func activityAfterTheReviewDayIsIgnored() {
        let future = [Activity(accountID: "A1", repID: "R1", date: day + 3, type: "call")]
        #expect(review([owned("A1", by: "R1", heldDays: 100)], future).retrievals.count == 1)
    }

    @Test func graceLockAndCustomerProtect() {
        let accounts = [
            owned("A1", by: "R1", heldDays: 10),
            owned("A2", by: "R1", heldDays: 100, locked: true),
            owned("A3", by: "R1", heldDays: 100, customer: true),
            owned("A4", by: "R1", heldDays: 100),
        ]
        #expect(review(accounts, []).retrievals.map(\.account) == ["A4"])
    }

    @Test func crmLastActivityCountsOnlyAfterTheOwnerGotIt() {
        let recentCRM = owned("A1", by: "R1", heldDays: 100, crmLast: day - 5)
        let staleCRM = owned("A2", by: "R1", heldDays: 50, crmLast: day - 80)
        #expect(review([recentCRM, staleCRM], []).retrievals.map(\.account) == ["A2"])
    }

    @Test func aFamilyGoesTogetherOrNotAtAll() {
        let family = [owned("P", by: "R1", heldDays: 100), owned("C1", by: "R1", heldDays: 100, parent: "P"),
                      owned("C2", by: "R1", heldDays: 100, parent: "P")]
        #expect(review(family, []).retrievals.map(\.account) == ["C1", "C2", "P"])
        #expect(review(family, touches("C2", "R1", daysAgo: [3])).retrievals.isEmpty)
    }

    @Test func coverageSharesAndTheMinimum() throws {
        let accounts = [
            owned("A1", by: "R1", heldDays: 100), owned("A2", by: "R1", heldDays: 100),
            owned("A3", by: "R1", heldDays: 100), owned("A4", by: "R1", heldDays: 3),
            owned("B1", by: "R2", heldDays: 100),
        ]
        let activity = touches("A1", "R1", daysAgo: [1, 2]) + touches("A2", "R1", daysAgo: [1, 40])
            + touches("B1", "R2", daysAgo: [0, 29])
        let report = review(accounts, activity, reps: ["R2", "R1", "R3"])
        #expect(report.reps.map(\.rep) == ["R1", "R2", "R3"])
        let r1 = report.reps[0]
        #expect((r1.counted, r1.worked, r1.inGrace) == (3, 1, 1))
        #expect(r1.share == 1.0 / 3.0 && r1.belowMinimum)
        #expect(report.reps[1].share == 1 && !report.reps[1].belowMinimum)
        #expect(report.reps[2].share == nil && !report.reps[2].belowMinimum)
        #expect(report.belowMinimum.map(\.rep) == ["R1"])
    }

    @Test func activityIndexCountsInclusiveRanges() {
        let index = ActivityIndex(touches("A1", "R1", daysAgo: [0, 5, 5, 10], type: "Call"), policy: policy.coverage)
        #expect(index.count(account: "A1", rep: "R1", from: day - 10, through: day) == 4)
        #expect(index.count(account: "A1", rep: "R1", from: day - 5, through: day - 5) == 2)
        #expect(index.count(account: "A1", rep: "R1", from: day - 4, through: day - 1) == 0)
        #expect(index.last(account: "A1", rep: "R1", through: day - 1) == day - 5)
        #expect(index.last(account: "A1", rep: "R2", through: day) == nil)
    }
}
