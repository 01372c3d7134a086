@testable import BooksStore
import DynamicBooks
import Testing

@Suite("Returns: guardrails, effects and bad requests")
struct ReturnTests {
    let asOf = Fixture.asOf

    func submit(_ account: AccountID, _ rep: RepID, _ reason: String = "not_interested", date: Day? = nil,
                origin: String = "returns.csv:2") -> ReturnSubmission {
        ReturnSubmission(ReturnRequest(accountID: account, repID: rep, date: date ?? asOf, reason: reason, note: "n"),
                         origin: origin)
    }

    @Test func anAcceptedReturnGoesToThePoolRestsAndIsBarred() throws {
        let workspace = try Fixture.workspace()
        let report = try workspace.decideReturns([submit("A1", "R1")], asOf: asOf)
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.status == .accepted)
        #expect(outcome.decision == "accepted: rests until 2027-02-27, barred from the rep until 2027-05-28")
        let (owner, history, restrictions) = try workspace.read { r in
            (try r.owner(of: "A1"), try r.ledger.history(of: "A1"), try r.restrictions(of: "A1"))
        }
        #expect(owner == nil)
        #expect(history.map(\.kind) == [.imported, .returned, .rested])
        #expect(history[1].from == "R1" && history[1].to == nil && history[1].reason == "not_interested" && history[1].detail == "n")
        #expect(history[2].detail == "until 2027-02-27")
        #expect(restrictions.restEnd(of: "A1", on: asOf) == asOf + 90)
        #expect(restrictions.barEnd(of: "A1", for: "R1", on: asOf) == asOf + 180)
    }

    @Test(arguments: [("poor_fit", LedgerKind.disqualified), ("bad_data", .dataReview)])
    func reasonsThatDisqualifyOrSendToDataReview(reason: String, kind: LedgerKind) throws {
        let workspace = try Fixture.workspace()
        _ = try workspace.decideReturns([submit("A1", "R1", reason)], asOf: asOf)
        let (history, restrictions) = try workspace.read { r in (try r.ledger.history(of: "A1"), try r.restrictions()) }
        #expect(history.map(\.kind) == [.imported, .returned, kind])
        #expect(restrictions.disqualified == (kind == .disqualified ? ["A1"] : []))
        #expect(restrictions.inDataReview == (kind == .dataReview ? ["A1"] : []))
    }

    @Test func aRejectionIsRecordedWithTheRuleAndTheNumbers() throws {
        let workspace = try Fixture.workspace()
        let report = try workspace.decideReturns([submit("A3", "R2")], asOf: asOf)
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.status == .rejected)
        #expect(outcome.rules == ["returns.min_hold_days", "returns.min_activities"])
        #expect(outcome.decision == "rejected: held 6 days, policy returns.min_hold_days is 14; "
                + "0 qualifying activities (call, email, meeting) since 2026-11-23, policy returns.min_activities is 3")
        let (owner, last, requests) = try workspace.read { r in
            (try r.owner(of: "A3")?.rep, try r.ledger.history(of: "A3").last, try r.returnRequests())
        }
        #expect(owner == "R2")
        #expect(last?.kind == .returnRejected && last?.reason == "returns.min_hold_days" && last?.to == "R2")
        #expect(requests.map(\.status) == [.rejected])
        #expect(requests.first?.message == outcome.decision)
    }

    @Test func onlyQualifyingActivityByThatRepCounts() throws {
        let workspace = try Fixture.workspace()
        // A2 has one linkedin_view by R1: not a qualifying type.
        let a2 = try workspace.decideReturns([submit("A2", "R1")], asOf: asOf).outcomes[0]
        #expect(a2.rules == ["returns.min_activities"])
        #expect(a2.decision.contains("0 qualifying activities"))
    }

    @Test func thePerRepLimitCountsAcceptedReturnsOfTheLast30DaysIncludingThisBatch() throws {
        var policy = Policy()
        policy.returns.maxPerRepPer30Days = 1
        policy.returns.minActivities = 0
        let workspace = try Fixture.workspace(policy: policy)
        let report = try workspace.decideReturns([submit("A6", "R1", date: asOf), submit("A2", "R1", date: asOf - 29)], asOf: asOf)
        // Taken in date order: A2 (day 60) first, accepted; A6 then hits the limit.
        #expect(report.outcomes.map(\.account) == ["A2", "A6"])
        #expect(report.outcomes.map(\.status) == [.accepted, .rejected])
        #expect(report.outcomes[1].decision == "rejected: 1 return already accepted for R1 in the 30 days to 2026-11-29, "
                + "policy returns.max_per_rep_per_30_days is 1")
        // 30 days later the earlier return no longer counts.
        let later = try workspace.decideReturns([submit("A6", "R1", date: asOf + 1)], asOf: asOf + 1)
        #expect(later.outcomes.map(\.status) == [.accepted])
    }

    @Test func badRequestsAreErrorsAndLeaveTheWorkspaceUnchanged() throws {
        let workspace = try Fixture.workspace()
        _ = try workspace.decideReturns([submit("A2", "R1", date: asOf - 1, origin: "first")], asOf: asOf)
        let before = try Snapshot(workspace)
        let good = submit("A1", "R1", origin: "returns.csv:2")
        let cases: [(ReturnSubmission, ReturnRequestError.Problem, String)] = [
            (submit("Z9", "R1", origin: "returns.csv:3"), .unknownAccount, "returns.csv:3: unknown account Z9: not in the workspace"),
            (submit("A1", "R9", origin: "returns.csv:3"), .unknownRep, "returns.csv:3: unknown rep R9: not in the workspace"),
            (submit("A3", "R1", origin: "returns.csv:3"), .notOwner(owner: "R2"),
             "returns.csv:3: account A3 is not owned by R1 (owner: R2); only its owner can return it"),
            (submit("A4", "R1", origin: "returns.csv:3"), .notOwner(owner: nil),
             "returns.csv:3: account A4 is not owned by R1 (it is in the pool); only its owner can return it"),
            (submit("A1", "R1", date: asOf + 1, origin: "returns.csv:3"), .future(asOf: asOf),
             "returns.csv:3: date 2026-11-30 is after the as-of day 2026-11-29; a return cannot be dated in the future"),
            (submit("A3", "R2", date: asOf - 7, origin: "returns.csv:3"), .beforeAssigned(ownedSince: asOf - 6),
             "returns.csv:3: date 2026-11-22 is before R2 got account A3 on 2026-11-23"),
            (submit("A2", "R1", date: asOf - 1, origin: "returns.csv:3"), .duplicate(of: "run 2, rejected"),
             "returns.csv:3: duplicate request: A2 by R1 on 2026-11-28 was already submitted (run 2, rejected)"),
            (submit("A1", "R1", origin: "returns.csv:3"), .duplicate(of: "returns.csv:2"),
             "returns.csv:3: duplicate request: A1 by R1 on 2026-11-29 was already submitted (returns.csv:2)"),
        ]
        for (bad, problem, message) in cases {
            do {
                _ = try workspace.decideReturns([good, bad], asOf: asOf)
                Issue.record("expected \(problem)")
            } catch let error as ReturnRequestError {
                #expect(error.problem == problem)
                #expect(error.description == message)
            }
            #expect(try Snapshot(workspace) == before)
        }
    }

    @Test func queuedRequestsAreDecidedByTheNextCycle() throws {
        let workspace = try Fixture.workspace()
        let queued = try workspace.perform(.return, asOf: asOf - 1) { tx in
            try tx.queueReturns([submit("A1", "R1", date: asOf - 1), submit("A7", "R3", date: asOf - 1)])
        }
        #expect(queued.outcomes.map(\.status) == [.queued, .queued])
        #expect(try workspace.read { try $0.owner(of: "A1")?.rep } == "R1")
        // A7 moves before the cycle: its request no longer applies.
        try workspace.apply(changes: [BookChange(account: "A7", from: "R3", to: nil, reason: "manual")],
                            kind: .manual, run: .manual, asOf: asOf)
        let decided = try workspace.perform(.cycle, asOf: asOf) { tx in try tx.decidePendingReturns() }
        #expect(decided.outcomes.map(\.status) == [.accepted, .rejected])
        #expect(decided.outcomes[1].rules == ["owner"])
        let again = try workspace.perform(.cycle, asOf: asOf) { tx in try tx.decidePendingReturns() }
        #expect(again.outcomes.isEmpty)
        let requests = try workspace.read { try $0.returnRequests() }
        #expect(requests.map(\.status) == [.accepted, .rejected])
        #expect(requests.allSatisfy { $0.decidedRun == RunID(rawValue: 4) })
    }

    @Test func aCycleReRunSkipsRequestsItAlreadyDecided() throws {
        let workspace = try Fixture.workspace()
        let batch = [submit("A1", "R1"), submit("A3", "R2")]
        let first = try workspace.perform(.cycle, asOf: asOf) { tx in try tx.decideReturns(batch, duplicates: .skip) }
        let afterFirst = try Snapshot(workspace)
        let second = try workspace.perform(.cycle, asOf: asOf) { tx in try tx.decideReturns(batch, duplicates: .skip) }
        #expect(first.outcomes.map(\.status) == [.accepted, .rejected])
        #expect(second.outcomes.map(\.status) == [.alreadyDecided, .alreadyDecided])
        var after = try Snapshot(workspace)
        after.runs -= 1
        #expect(after == afterFirst)
    }

    @Test func aCycleSkipsMalformedRequestsAndDecidesTheRest() throws {
        let workspace = try Fixture.workspace()
        let batch = [submit("A3", "R1", origin: "returns.csv:2"), submit("Z9", "R1", origin: "returns.csv:3"),
                     submit("A1", "R1", origin: "returns.csv:4"), submit("A1", "R1", origin: "returns.csv:5")]
        let report = try workspace.perform(.cycle, asOf: asOf) { tx in
            try tx.decideReturns(batch, duplicates: .skip, invalid: .skip)
        }
        #expect(report.outcomes.map(\.status) == [.invalid, .invalid, .accepted, .invalid])
        #expect(report.outcomes[0].decision == "invalid: account A3 is not owned by R1 (owner: R2); only its owner can return it")
        #expect(report.outcomes[3].decision.hasPrefix("invalid: duplicate request"))
        let requests = try workspace.read { try $0.returnRequests() }
        #expect(requests.map(\.account) == ["A1"])
    }
}
