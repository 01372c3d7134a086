import DynamicBooks
import GRDB

/// A return request and where it came from (`returns.csv:4`, `--account`), for messages.
public struct ReturnSubmission: Sendable, Hashable {
    public var request: ReturnRequest
    public var origin: String
    public init(_ request: ReturnRequest, origin: String) { self.request = request; self.origin = origin }
}

/// A request that cannot be decided because it is malformed. The whole batch is refused and the
/// workspace is left as it was.
public struct ReturnRequestError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Problem: Equatable, Sendable {
        case unknownAccount
        case unknownRep
        /// The account belongs to another rep, or to none.
        case notOwner(owner: RepID?)
        /// The same account, rep and day was already submitted (where, and how it was decided).
        case duplicate(of: String)
        /// Dated after the as-of day.
        case future(asOf: Day)
        /// Dated before the rep got the account.
        case beforeAssigned(ownedSince: Day)
    }

    public var origin: String
    public var request: ReturnRequest
    public var problem: Problem

    public init(origin: String, request: ReturnRequest, problem: Problem) {
        self.origin = origin; self.request = request; self.problem = problem
    }

    public var description: String {
        let r = request
        let what: String
        switch problem {
        case .unknownAccount: what = "unknown account \(r.accountID): not in the workspace"
        case .unknownRep: what = "unknown rep \(r.repID): not in the workspace"
        case let .notOwner(owner):
            what = "account \(r.accountID) is not owned by \(r.repID) (\(owner.map { "owner: \($0)" } ?? "it is in the pool")); only its owner can return it"
        case let .duplicate(earlier):
            what = "duplicate request: \(r.accountID) by \(r.repID) on \(r.date) was already submitted (\(earlier))"
        case let .future(asOf):
            what = "date \(r.date) is after the as-of day \(asOf); a return cannot be dated in the future"
        case let .beforeAssigned(since):
            what = "date \(r.date) is before \(r.repID) got account \(r.accountID) on \(since)"
        }
        return "\(origin): \(what)"
    }
}

/// How one request was decided.
public struct ReturnOutcome: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case accepted, rejected
        /// Queued for the next cycle.
        case queued
        /// The same request was decided before; skipped (re-running a cycle).
        case alreadyDecided = "already_decided"
        /// Malformed (unknown account or rep, not the owner, a bad date); skipped and not recorded.
        case invalid
    }
    public var origin: String
    public var account: AccountID
    public var rep: RepID
    public var date: Day
    public var reason: String
    public var status: Status
    /// Every broken guardrail's policy key (empty unless rejected).
    public var rules: [String]
    /// `accepted: rests until 2027-02-27, …` or `rejected: held 6 days, policy returns.min_hold_days is 14`.
    public var decision: String
    public var effects: ReturnEffects?
}

/// The outcome of a batch of requests, in the order they were taken.
public struct ReturnsReport: Sendable, Hashable, Codable {
    public var outcomes: [ReturnOutcome]
    public init(outcomes: [ReturnOutcome]) { self.outcomes = outcomes }
    public func count(_ status: ReturnOutcome.Status) -> Int { outcomes.filter { $0.status == status }.count }
}

/// What to do with a request that was submitted before (same account, rep and day).
public enum DuplicateRequests: Sendable {
    /// It is an error (a rep submitting twice).
    case refuse
    /// Skip it (a cycle re-run on the same input).
    case skip
}

/// What to do with a malformed request (unknown account or rep, not the owner, dated in the
/// future or before the rep got the account, or the same request twice in one batch).
public enum InvalidRequests: Sendable {
    /// It is an error and nothing of the batch is kept (`books return`).
    case refuse
    /// Report it as ``ReturnOutcome/Status/invalid``, record nothing for it, decide the others
    /// (a weekly cycle, where one bad line must not hold up the rest).
    case skip
}

extension RunTransaction {
    /// Decides return requests against the guardrails and records them.
    ///
    /// Requests are taken in date order (ties in the order given), so the per-rep count of the
    /// last 30 days includes the ones accepted earlier in the same batch. An accepted return
    /// sends the account to the pool (`returned`), bars it from the rep for `same_rep_days`, and
    /// applies the reason's effects (`rested`, `disqualified`, `data_review`); a rejected one is
    /// recorded as `return_rejected` with the first rule it broke and every rule's numbers.
    /// Every request is stored, so the same request cannot be decided twice.
    /// - Parameters:
    ///   - duplicates: whether a request submitted before is an error or skipped.
    ///   - invalid: whether a malformed request is an error or skipped and reported.
    /// - Throws: ``ReturnRequestError`` for the first malformed request (unknown account or rep,
    ///   not the owner, duplicate, dated in the future or before the rep got the account); nothing
    ///   of the batch is kept then, as the run's transaction is rolled back.
    public func decideReturns(_ submissions: [ReturnSubmission], duplicates: DuplicateRequests = .refuse,
                              invalid: InvalidRequests = .refuse) throws -> ReturnsReport {
        let policy = try reader.policy()
        var seen: [String: String] = [:]
        var outcomes: [ReturnOutcome] = []
        for submission in Self.inDateOrder(submissions) {
            let earlier: ReturnRequestRecord?
            do {
                earlier = try check(submission, seen: &seen, duplicates: duplicates)
            } catch let error as ReturnRequestError where invalid == .skip {
                let r = submission.request
                outcomes.append(ReturnOutcome(
                    origin: submission.origin, account: r.accountID, rep: r.repID, date: r.date, reason: r.reason,
                    status: .invalid, rules: [], decision: "invalid: " + error.description.dropFirst(submission.origin.count + 2)))
                continue
            }
            if let earlier {
                outcomes.append(ReturnOutcome(
                    origin: submission.origin, account: earlier.account, rep: earlier.rep, date: earlier.day,
                    reason: earlier.reason, status: .alreadyDecided, rules: [],
                    decision: earlier.message ?? earlier.status.rawValue))
                continue
            }
            var row = ReturnRequestRecord(
                account: submission.request.accountID, rep: submission.request.repID, day: submission.request.date,
                reason: submission.request.reason, note: submission.request.note, status: .pending, run: run)
            outcomes.append(try decide(&row, origin: submission.origin, policy: policy))
        }
        return ReturnsReport(outcomes: outcomes)
    }

    /// Validates requests and queues them, undecided, for the next cycle (``decidePendingReturns()``).
    /// - Throws: ``ReturnRequestError`` as ``decideReturns(_:duplicates:invalid:)`` does.
    public func queueReturns(_ submissions: [ReturnSubmission]) throws -> ReturnsReport {
        var seen: [String: String] = [:]
        var outcomes: [ReturnOutcome] = []
        for submission in Self.inDateOrder(submissions) {
            _ = try check(submission, seen: &seen, duplicates: .refuse)
            let r = submission.request
            var row = ReturnRequestRecord(account: r.accountID, rep: r.repID, day: r.date, reason: r.reason,
                                          note: r.note, status: .pending, run: run)
            try row.write(db)
            outcomes.append(ReturnOutcome(origin: submission.origin, account: r.accountID, rep: r.repID, date: r.date,
                                          reason: r.reason, status: .queued, rules: [], decision: "queued for the next cycle"))
        }
        return ReturnsReport(outcomes: outcomes)
    }

    /// Decides every queued request dated on or before the as-of day, oldest first.
    ///
    /// A request whose rep no longer owns the account (retrieved or moved since it was queued) is
    /// rejected with the rule `owner`.
    public func decidePendingReturns() throws -> ReturnsReport {
        let policy = try reader.policy()
        var outcomes: [ReturnOutcome] = []
        for var row in try ReturnRequestRecord.pending(db, through: asOf) {
            outcomes.append(try decide(&row, origin: "queued request \(row.id ?? 0)", policy: policy))
        }
        return ReturnsReport(outcomes: outcomes)
    }

    private static func inDateOrder(_ submissions: [ReturnSubmission]) -> [ReturnSubmission] {
        submissions.enumerated().sorted {
            ($0.element.request.date, $0.offset) < ($1.element.request.date, $1.offset)
        }.map(\.element)
    }

    /// Validates one submission; returns the earlier request when it is a duplicate to skip.
    private func check(_ submission: ReturnSubmission, seen: inout [String: String],
                       duplicates: DuplicateRequests) throws -> ReturnRequestRecord? {
        let request = submission.request
        func fail(_ problem: ReturnRequestError.Problem) -> ReturnRequestError {
            ReturnRequestError(origin: submission.origin, request: request, problem: problem)
        }
        guard try AccountRow.exists(db, id: request.accountID) else { throw fail(.unknownAccount) }
        guard try RepRow.exists(db, id: request.repID) else { throw fail(.unknownRep) }
        let key = "\(request.accountID)\u{1F}\(request.repID)\u{1F}\(request.date)\u{1F}\(request.reason)"
        if let earlier = seen[key] { throw fail(.duplicate(of: earlier)) }
        if let earlier = try ReturnRequestRecord.existing(db, account: request.accountID, rep: request.repID, day: request.date,
                                                          reason: request.reason) {
            if duplicates == .skip { return earlier }
            throw fail(.duplicate(of: "run \(earlier.run), \(earlier.status.rawValue)"))
        }
        seen[key] = submission.origin
        guard request.date <= asOf else { throw fail(.future(asOf: asOf)) }
        let book = try reader.owner(of: request.accountID)
        guard let book, book.rep == request.repID else { throw fail(.notOwner(owner: book?.rep)) }
        guard request.date >= book.ownedSince else { throw fail(.beforeAssigned(ownedSince: book.ownedSince)) }
        return nil
    }

    /// Decides one validated request and writes the request row, the ledger rows and the state rows.
    private func decide(_ row: inout ReturnRequestRecord, origin: String, policy: Policy) throws -> ReturnOutcome {
        let request = row.request
        let decision: ReturnDecision
        var rules: [String]
        if let book = try reader.owner(of: request.accountID), book.rep == request.repID, request.date >= book.ownedSince {
            let activities = try reader.activity(account: request.accountID, rep: request.repID,
                                                 from: book.ownedSince, through: request.date)
            let facts = ReturnGuardrails.Facts(
                ownedSince: book.ownedSince,
                qualifyingActivities: activities.filter { policy.coverage.qualifies($0.type) }.count,
                acceptedReturnsInLast30Days: try ReturnRequestRecord.acceptedCount(
                    db, rep: request.repID, from: request.date - (ReturnGuardrails.rateWindowDays - 1), through: request.date))
            decision = ReturnGuardrails(policy: policy).decide(request, facts: facts)
            try record(request, decision: decision)
            rules = []
            if case let .rejected(violations) = decision { rules = violations.map(\.rule.rawValue) }
            row.rule = rules.first
            row.message = decision.description
        } else {
            let owner = try reader.owner(of: request.accountID)?.rep
            let message = "rejected: account \(request.accountID) is no longer owned by \(request.repID) (\(owner.map { "owner: \($0)" } ?? "in the pool"))"
            try ledger.append([LedgerEntry(run: run, day: asOf, account: request.accountID, from: request.repID, to: owner,
                                           kind: .returnRejected, reason: "owner", detail: message)])
            decision = .rejected([ReturnViolation(rule: .owner, message: message)])
            rules = [ReturnRule.owner.rawValue]
            row.rule = ReturnRule.owner.rawValue
            row.message = message
        }
        row.status = decision.isAccepted ? .accepted : .rejected
        row.decidedRun = run
        try row.write(db)
        var outcome = ReturnOutcome(origin: origin, account: request.accountID, rep: request.repID, date: request.date,
                                    reason: request.reason, status: decision.isAccepted ? .accepted : .rejected,
                                    rules: rules, decision: row.message ?? "")
        if case let .accepted(effects) = decision { outcome.effects = effects }
        return outcome
    }

    /// Writes the ledger and state rows of one decision.
    private func record(_ request: ReturnRequest, decision: ReturnDecision) throws {
        let base = LedgerEntry(run: run, day: request.date, account: request.accountID, from: request.repID,
                               to: nil, kind: .returned, reason: request.reason, detail: request.note)
        switch decision {
        case let .rejected(violations):
            var entry = base
            entry.to = request.repID
            entry.kind = .returnRejected
            entry.reason = violations.first?.rule.rawValue ?? ""
            entry.detail = violations.map(\.message).joined(separator: "; ")
            try ledger.append([entry])
        case let .accepted(effects):
            guard let returned = try ledger.append([base]).first, let seq = returned.seq else { return }
            try RestrictionStore.bar(db, account: request.accountID, rep: request.repID, until: effects.barredUntil,
                                     reason: "returned: \(request.reason)", seq: seq)
            func flag(_ kind: LedgerKind, detail: String = "") -> LedgerEntry {
                LedgerEntry(run: run, day: request.date, account: request.accountID, from: nil, to: nil,
                            kind: kind, reason: request.reason, detail: detail)
            }
            if let until = effects.restUntil, let seq = try ledger.append([flag(.rested, detail: "until \(until)")]).first?.seq {
                try RestrictionStore.rest(db, account: request.accountID, until: until, reason: request.reason, seq: seq)
            }
            if effects.disqualify, let seq = try ledger.append([flag(.disqualified)]).first?.seq {
                try RestrictionStore.disqualify(db, account: request.accountID, day: request.date, reason: request.reason, seq: seq)
            }
            if effects.dataReview, let seq = try ledger.append([flag(.dataReview)]).first?.seq {
                try RestrictionStore.sendToDataReview(db, account: request.accountID, day: request.date, reason: request.reason, seq: seq)
            }
        }
    }
}

extension Workspace {
    /// Decides return requests in a run of their own (see ``RunTransaction/decideReturns(_:duplicates:)``).
    public func decideReturns(_ submissions: [ReturnSubmission], asOf: Day) throws -> ReturnsReport {
        try perform(.return, asOf: asOf) { tx in try tx.decideReturns(submissions) }
    }
}
