import BooksStore
import DynamicBooks

// The service's answers: Codable records whose camelCase names the shared encoder
// (``JSONBody``) writes in snake_case, each with the schema the OpenAPI document shows.

/// `POST /v1/route` → where the account went and why.
struct RouteResponse: Encodable, Sendable {
    var accountID: AccountID
    /// nil = the pool.
    @ExplicitNull var repID: RepID?
    var reason: RoutingReason
    @ExplicitNull var load: Double?
    @ExplicitNull var capacity: Double?
    var detail: String
    var added: Bool
    @ExplicitNull var previousOwner: RepID?
    var ledgerSeq: Int64?
    var alternatives: [Alternative]
    /// Left out when every rep considered is listed.
    var unlistedAlternatives: [RoutingCandidateStatus: Int]?

    /// One rep considered.
    struct Alternative: Encodable, Sendable {
        var repID: RepID
        var load: Double
        var capacity: Double
        var routingWeight: Double
        var status: RoutingCandidateStatus
        var rule: String?

        init(_ a: RoutingAlternative) {
            repID = a.rep; load = a.load; capacity = a.capacity; routingWeight = a.routingWeight; status = a.status; rule = a.rule
        }
    }

    init(outcome: RouteOutcome) {
        let d = outcome.decision
        accountID = d.account; repID = d.rep; reason = d.reason; load = d.load; capacity = d.capacity; detail = d.detail
        added = outcome.added; previousOwner = d.from; ledgerSeq = outcome.seq
        alternatives = d.alternatives.map(Alternative.init)
        unlistedAlternatives = d.unlisted.isEmpty ? nil : d.unlisted
    }

    /// Every candidate status, in the order the rule ranks them.
    static let candidateStatuses: [RoutingCandidateStatus] = [.chosen, .eligible, .full, .zeroWeight, .ineligible]
    /// Does not compile when a status is added and not listed in ``candidateStatuses``.
    private static func isListed(_ status: RoutingCandidateStatus) -> Bool {
        switch status { case .chosen, .eligible, .full, .zeroWeight, .ineligible: true }
    }

    static let schema = JSONSchema.object([
        "account_id": .string,
        "rep_id": JSONSchema.string.orNull.described("the rep the account went to; null = the pool"),
        "reason": .string(oneOf: RoutingReason.allCases.map(\.rawValue)),
        "load": JSONSchema.number.orNull.described("the rep's load after the decision, in workload units"),
        "capacity": JSONSchema.number.orNull.described("the rep's capacity × ramp, in workload units"),
        "detail": JSONSchema.string.described("the numbers or the rule behind the reason, in words"),
        "added": JSONSchema.boolean.described("the account was new and has been added to the workspace"),
        "previous_owner": JSONSchema.string.orNull.described("the owner before the decision"),
        "ledger_seq": JSONSchema.integer.described("the `routed` ledger row"),
        "alternatives": JSONSchema.array(of: .object([
            "rep_id": .string,
            "load": JSONSchema.number.described("before the decision"),
            "capacity": .number,
            "routing_weight": .number,
            "status": .string(oneOf: candidateStatuses.map(\.rawValue)),
            "rule": JSONSchema.string.described("what made the rep ineligible"),
        ], required: ["capacity", "load", "rep_id", "routing_weight", "status"])).described("the reps considered, by id"),
        "unlisted_alternatives": JSONSchema.map(of: .integer).described("the reps considered but not listed, counted by status"),
    ], required: ["account_id", "added", "alternatives", "capacity", "detail", "load", "previous_owner", "reason", "rep_id"])
}

/// `POST /v1/returns` → accepted or rejected, with the rules broken.
struct ReturnResponse: Encodable, Sendable {
    var accountID: AccountID
    var repID: RepID
    var date: Day
    var reason: String
    var status: ReturnOutcome.Status
    var rules: [String]
    var decision: String
    // What an accepted return does; left out otherwise.
    var restUntil: Day?
    var barredUntil: Day?
    var disqualified: Bool?
    var dataReview: Bool?

    init(outcome: ReturnOutcome) {
        accountID = outcome.account; repID = outcome.rep; date = outcome.date; reason = outcome.reason
        status = outcome.status; rules = outcome.rules; decision = outcome.decision
        restUntil = outcome.effects?.restUntil; barredUntil = outcome.effects?.barredUntil
        disqualified = outcome.effects?.disqualify; dataReview = outcome.effects?.dataReview
    }

    /// Every status, as ``ReturnOutcome/Status`` declares them.
    static let statuses: [ReturnOutcome.Status] = [.accepted, .rejected, .queued, .alreadyDecided, .invalid]
    /// Does not compile when a status is added and not listed in ``statuses``.
    private static func isListed(_ status: ReturnOutcome.Status) -> Bool {
        switch status { case .accepted, .rejected, .queued, .alreadyDecided, .invalid: true }
    }

    static let schema = JSONSchema.object([
        "account_id": .string,
        "rep_id": .string,
        "date": .date,
        "reason": .string,
        "status": .string(oneOf: statuses.map(\.rawValue)),
        "rules": JSONSchema.array(of: .string).described("every broken guardrail's policy key (empty unless rejected)"),
        "decision": JSONSchema.string.described("the decision in words"),
        "rest_until": JSONSchema.date.described("accepted: the account rests until this day"),
        "barred_until": JSONSchema.date.described("accepted: the rep does not get the account back before this day"),
        "disqualified": JSONSchema.boolean.described("accepted: the account is never assigned again"),
        "data_review": JSONSchema.boolean.described("accepted: the account waits for its data to be fixed"),
    ], required: ["account_id", "date", "decision", "reason", "rep_id", "rules", "status"])
}

/// `GET /v1/reps/{id}/book` → the rep, its load against capacity, and its accounts.
struct BookResponse: Encodable, Sendable {
    var repID: RepID
    var name: String
    var segment: String
    var theaters: [String]
    var capacity: Double
    var load: Double
    /// Load ÷ capacity; 0 without capacity.
    var utilisation: Double
    var routingWeight: Double
    @ExplicitNull var unavailableUntil: Day?
    var accounts: [Entry]

    /// One account of the book.
    struct Entry: Encodable, Sendable {
        var accountID: AccountID
        var name: String
        var score: Double
        var tier: Tier
        @ExplicitNull var theater: String?
        var workload: Double
        var ownedSince: Day
        var via: LedgerKind

        init(_ e: RepBook.BookAccount) {
            accountID = e.account; name = e.name; score = e.score; tier = e.tier; theater = e.theater
            workload = e.workload; ownedSince = e.ownedSince; via = e.via
        }
    }

    init(book: RepBook) {
        repID = book.rep; name = book.name; segment = book.segment; theaters = book.theaters
        capacity = book.capacity; load = book.load; utilisation = book.capacity > 0 ? book.load / book.capacity : 0
        routingWeight = book.routingWeight; unavailableUntil = book.unavailableUntil; accounts = book.accounts.map(Entry.init)
    }

    static let schema = JSONSchema.object([
        "rep_id": .string,
        "name": .string,
        "segment": .string,
        "theaters": .array(of: .string),
        "capacity": JSONSchema.number.described("capacity × ramp, in workload units"),
        "load": JSONSchema.number.described("workload units in the book"),
        "utilisation": JSONSchema.number.described("load ÷ capacity; 0 without capacity"),
        "routing_weight": .number,
        "unavailable_until": JSONSchema.date.orNull,
        "accounts": JSONSchema.array(of: .object([
            "account_id": .string,
            "name": .string,
            "score": .number,
            "tier": .string(oneOf: Tier.allCases.map(\.rawValue)),
            "theater": JSONSchema.string.orNull,
            "workload": .number,
            "owned_since": .date,
            "via": JSONSchema.string(oneOf: LedgerKind.allCases.map(\.rawValue)).described("the ledger kind of the row that put it in the book"),
        ], required: ["account_id", "name", "owned_since", "score", "theater", "tier", "via", "workload"])).described("by id"),
    ], required: ["accounts", "capacity", "load", "name", "rep_id", "routing_weight", "segment", "theaters",
                  "unavailable_until", "utilisation"])
}
