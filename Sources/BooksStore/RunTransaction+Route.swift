import DynamicBooks
import GRDB

/// How one inbound account was routed, and the ledger row that records it.
public struct RouteOutcome: Sendable, Hashable, Codable {
    /// Where the request came from: `inbound.csv:4`, `--account ACME`, `POST /v1/route`.
    public var origin: String
    /// The account was new and has been added to the workspace.
    public var added: Bool
    public var decision: RoutingDecision
    /// The `routed` ledger row.
    public var seq: Int64?

    public init(origin: String, added: Bool, decision: RoutingDecision, seq: Int64?) {
        self.origin = origin; self.added = added; self.decision = decision; self.seq = seq
    }
}

extension RunTransaction {
    /// Routes inbound accounts in order, each seeing the books as the previous ones left them.
    ///
    /// Every decision — including "the owner keeps it" and "it waits in the pool" — is written to
    /// the ledger as a `routed` row whose reason is the ``RoutingReason`` and whose detail lists the
    /// numbers and the alternatives considered. A new account is scored with the workspace's
    /// policy and added first. The weighted round robin's state is kept in the workspace.
    /// - Parameters:
    ///   - inbound: the hand-raisers, in the order they arrived.
    ///   - scorer: scores new accounts with the workspace's policy.
    /// - Throws: ``RouteError`` for the first request that cannot be routed (unknown id, an id
    ///   that exists given with new fields, an account that cannot be scored); nothing of the batch
    ///   is kept then, as the run's transaction is rolled back.
    public func route(_ inbound: [InboundAccount], scorer: InboundScorer, cache: RoutingCache = RoutingCache()) throws -> [RouteOutcome] {
        try inbound.map { try route($0, scorer: scorer, cache: cache) }
    }

    /// Routes one inbound account.
    /// - Parameters:
    ///   - inbound: the hand-raiser.
    ///   - scorer: scores a new account with the workspace's policy.
    ///   - cache: the decoded policy and reps, kept between decisions while the workspace has not
    ///     changed them; a service passes one for its whole life.
    /// - Complexity: a handful of indexed queries, plus O(r log r) for the r reps of the account's
    ///   segment × theater; independent of the number of accounts.
    public func route(_ inbound: InboundAccount, scorer: InboundScorer, cache: RoutingCache) throws -> RouteOutcome {
        let snapshot = try routingSnapshot(cache)
        let policy = snapshot.policy
        let (account, added) = try inboundAccount(inbound, policy: policy, scorer: scorer)
        let familyOwner = try familyOwner(of: account)
        let reps = routingReps(for: account, also: [account.account.owner, familyOwner].compactMap { $0 }, in: snapshot.directory)
        let loads = try loads(of: reps.map(\.id))
        let restrictions = try routingRestrictions(of: account.id)
        let key = account.theater.map { RoutingRule.rotationKey(segment: account.segment, theater: $0) }
        let before = try key.map(rotation(_:)) ?? SmoothWeightedRoundRobin()
        var rotation = before

        let decision = RoutingRule(policy: policy, day: asOf)
            .decide(account, familyOwner: familyOwner, reps: reps, loads: loads, restrictions: restrictions, rotation: &rotation)

        if let key, rotation != before { try save(rotation, key: key, before: before) }
        let entry = try ledger.append([LedgerEntry(
            run: run, day: asOf, account: account.id, from: decision.from, to: decision.rep, kind: .routed,
            reason: decision.reason.rawValue, detail: decision.summary)]).first
        return RouteOutcome(origin: inbound.origin, added: added, decision: decision, seq: entry?.seq)
    }

    /// The account to route, added to the workspace when it is new.
    private func inboundAccount(_ inbound: InboundAccount, policy: Policy, scorer: InboundScorer) throws -> (ScoredAccount, Bool) {
        func fail(_ problem: RouteError.Problem) -> RouteError {
            RouteError(origin: inbound.origin, account: inbound.id, problem: problem)
        }
        func add(_ given: Account) throws -> (ScoredAccount, Bool) {
            var fields = given
            guard !fields.id.rawValue.isEmpty else { throw fail(.missingID) }
            fields.owner = nil
            fields.ownedSince = nil
            // The accounts.csv import's rules: valid ids, a known segment, no account its own parent.
            if let (field, value, problem) = fields.importProblem(policy: policy) {
                throw fail(.invalidField(field: field, value: value, problem: problem))
            }
            if fields.parentID == fields.id { fields.parentID = nil }
            guard try routingAccount(fields.id) == nil else { throw fail(.accountExists) }
            var scored: ScoredAccount
            do { scored = try scorer(fields, policy) } catch { throw fail(.unscorable("\(error)")) }
            scored.account.owner = nil
            scored.account.ownedSince = nil
            try AccountRow(scored).upsert(db)
            return (scored, true)
        }
        switch inbound.kind {
        case let .existing(id):
            guard let account = try routingAccount(id) else { throw fail(.unknownAccount) }
            return (account, false)
        case let .existingOrNew(fields):
            if let account = try routingAccount(fields.id) { return (account, false) }
            return try add(fields)
        case let .new(fields):
            return try add(fields)
        }
    }
}
