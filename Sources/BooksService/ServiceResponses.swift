import BooksStore
import DynamicBooks

/// `POST /v1/route` → where the account went and why.
struct RouteResponse: Encodable {
    var outcome: RouteOutcome

    enum Key: String, CodingKey {
        case accountID = "account_id", repID = "rep_id", reason, load, capacity
        case detail, added, previousOwner = "previous_owner", ledgerSeq = "ledger_seq", alternatives
        case unlisted = "unlisted_alternatives"
    }

    struct Alternative: Encodable {
        var alternative: RoutingAlternative
        enum Key: String, CodingKey { case repID = "rep_id", load, capacity, routingWeight = "routing_weight", status, rule }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(alternative.rep, forKey: .repID)
            try c.encode(alternative.load, forKey: .load)
            try c.encode(alternative.capacity, forKey: .capacity)
            try c.encode(alternative.routingWeight, forKey: .routingWeight)
            try c.encode(alternative.status.rawValue, forKey: .status)
            try c.encodeIfPresent(alternative.rule, forKey: .rule)
        }
    }

    func encode(to encoder: Encoder) throws {
        let d = outcome.decision
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(d.account, forKey: .accountID)
        try c.encode(d.rep, forKey: .repID)
        try c.encode(d.reason.rawValue, forKey: .reason)
        try c.encode(d.load, forKey: .load)
        try c.encode(d.capacity, forKey: .capacity)
        try c.encode(d.detail, forKey: .detail)
        try c.encode(outcome.added, forKey: .added)
        try c.encode(d.from, forKey: .previousOwner)
        try c.encodeIfPresent(outcome.seq, forKey: .ledgerSeq)
        try c.encode(d.alternatives.map(Alternative.init), forKey: .alternatives)
        if !d.unlisted.isEmpty {
            try c.encode(Dictionary(uniqueKeysWithValues: d.unlisted.map { ($0.key.rawValue, $0.value) }), forKey: .unlisted)
        }
    }
}

/// `POST /v1/returns` → accepted or rejected, with the rules broken.
struct ReturnResponse: Encodable {
    var outcome: ReturnOutcome

    enum Key: String, CodingKey {
        case accountID = "account_id", repID = "rep_id", date, reason, status, rules, decision
        case restUntil = "rest_until", barredUntil = "barred_until", disqualified, dataReview = "data_review"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(outcome.account, forKey: .accountID)
        try c.encode(outcome.rep, forKey: .repID)
        try c.encode(outcome.date, forKey: .date)
        try c.encode(outcome.reason, forKey: .reason)
        try c.encode(outcome.status.rawValue, forKey: .status)
        try c.encode(outcome.rules, forKey: .rules)
        try c.encode(outcome.decision, forKey: .decision)
        if let effects = outcome.effects {
            try c.encodeIfPresent(effects.restUntil, forKey: .restUntil)
            try c.encode(effects.barredUntil, forKey: .barredUntil)
            try c.encode(effects.disqualify, forKey: .disqualified)
            try c.encode(effects.dataReview, forKey: .dataReview)
        }
    }
}

/// `GET /v1/reps/{id}/book` → the rep, its load against capacity, and its accounts.
struct BookResponse: Encodable {
    var book: RepBook

    enum Key: String, CodingKey {
        case repID = "rep_id", name, segment, theaters, capacity, load, utilisation
        case routingWeight = "routing_weight", unavailableUntil = "unavailable_until", accounts
    }

    struct Entry: Encodable {
        var entry: RepBook.BookAccount
        enum Key: String, CodingKey {
            case accountID = "account_id", name, score, tier, theater, workload, ownedSince = "owned_since", via
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(entry.account, forKey: .accountID)
            try c.encode(entry.name, forKey: .name)
            try c.encode(entry.score, forKey: .score)
            try c.encode(entry.tier.rawValue, forKey: .tier)
            try c.encode(entry.theater, forKey: .theater)
            try c.encode(entry.workload, forKey: .workload)
            try c.encode(entry.ownedSince, forKey: .ownedSince)
            try c.encode(entry.via.rawValue, forKey: .via)
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(book.rep, forKey: .repID)
        try c.encode(book.name, forKey: .name)
        try c.encode(book.segment, forKey: .segment)
        try c.encode(book.theaters, forKey: .theaters)
        try c.encode(book.capacity, forKey: .capacity)
        try c.encode(book.load, forKey: .load)
        try c.encode(book.capacity > 0 ? book.load / book.capacity : 0, forKey: .utilisation)
        try c.encode(book.routingWeight, forKey: .routingWeight)
        try c.encode(book.unavailableUntil, forKey: .unavailableUntil)
        try c.encode(book.accounts.map(Entry.init), forKey: .accounts)
    }
}

/// `GET /healthz`.
struct HealthResponse: Encodable {
    var health: RoutingService.Health
    enum Key: String, CodingKey { case status, workspace, reps, policyLoaded = "policy_loaded" }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(health.status, forKey: .status)
        try c.encode(health.workspace, forKey: .workspace)
        try c.encode(health.reps, forKey: .reps)
        try c.encode(health.policyLoaded, forKey: .policyLoaded)
    }
}
