import DynamicBooks
import GRDB

/// A row of `accounts`: the account's columns as imported, plus what the policy derived from them.
/// The owner is not here: it lives in the books, which the ledger derives.
struct AccountRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "accounts"

    var id: AccountID
    var name: String
    var segmentGiven: String?
    var theaterGiven: String?
    var country: String?
    var state: String?
    var industry: String?
    var employees: Double?
    var annualRevenue: Double?
    var scoreGiven: Double?
    var lastActivity: Day?
    var customer: Bool
    var locked: Bool
    var parentId: AccountID?
    var workloadGiven: Double?
    var attributes: [String: String]
    var score: Double
    var tier: String
    var segment: String
    var theater: String?
    var workload: Double
    var excludedBy: String?

    enum CodingKeys: String, CodingKey {
        case id, name, segmentGiven = "segment_given", theaterGiven = "theater_given", country, state, industry
        case employees, annualRevenue = "annual_revenue", scoreGiven = "score_given", lastActivity = "last_activity"
        case customer, locked, parentId = "parent_id", workloadGiven = "workload_given", attributes
        case score, tier, segment, theater, workload, excludedBy = "excluded_by"
    }

    init(_ scored: ScoredAccount) {
        let a = scored.account
        id = a.id; name = a.name; segmentGiven = a.segment; theaterGiven = a.theater; country = a.country
        state = a.state; industry = a.industry; employees = a.employees; annualRevenue = a.annualRevenue
        scoreGiven = a.score; lastActivity = a.lastActivity; customer = a.customer; locked = a.locked
        parentId = a.parentID; workloadGiven = a.workload; attributes = a.attributes
        score = scored.score; tier = scored.tier.rawValue; segment = scored.segment; theater = scored.theater
        workload = scored.workload; excludedBy = scored.excludedBy
    }

    /// The scored account, with its owner from the books.
    func scoredAccount(owner: Ownership?, path: String) throws -> ScoredAccount {
        guard let tier = Tier(rawValue: tier) else {
            throw WorkspaceError.corrupt(path: path, detail: "account \(id): tier \"\(self.tier)\"")
        }
        let account = Account(
            id: id, name: name, segment: segmentGiven, theater: theaterGiven, country: country, state: state,
            industry: industry, employees: employees, annualRevenue: annualRevenue, score: scoreGiven,
            owner: owner?.rep, ownedSince: owner?.ownedSince, lastActivity: lastActivity, customer: customer,
            locked: locked, parentID: parentId, workload: workloadGiven, attributes: attributes)
        return ScoredAccount(account: account, score: score, tier: tier, segment: segment, theater: theater,
                             workload: workload, excludedBy: excludedBy)
    }
}

/// A row of `reps`.
struct RepRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reps"

    var id: RepID
    var name: String
    var segment: String
    var theaters: [String]
    var capacity: Double?
    var ramp: Double
    var specialties: [String]
    var unavailableUntil: Day?
    var routingWeight: Double
    var attributes: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, name, segment, theaters, capacity, ramp, specialties
        case unavailableUntil = "unavailable_until", routingWeight = "routing_weight", attributes
    }

    init(_ rep: Rep) {
        id = rep.id; name = rep.name; segment = rep.segment; theaters = rep.theaters; capacity = rep.capacity
        ramp = rep.ramp; specialties = rep.specialties; unavailableUntil = rep.unavailableUntil
        routingWeight = rep.routingWeight; attributes = rep.attributes
    }

    var rep: Rep {
        Rep(id: id, name: name, segment: segment, theaters: theaters, capacity: capacity, ramp: ramp,
            specialties: specialties, unavailableUntil: unavailableUntil, routingWeight: routingWeight,
            attributes: attributes)
    }
}

/// A row of `activity`. `ordinal` numbers identical rows (same account, rep, day and type) within
/// one import, so importing the same file twice adds nothing and a longer export adds only the new rows.
struct ActivityRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "activity"

    var accountId: AccountID
    var repId: RepID
    var day: Day
    var type: String
    var ordinal: Int
    var runId: RunID

    enum CodingKeys: String, CodingKey {
        case accountId = "account_id", repId = "rep_id", day, type, ordinal, runId = "run_id"
    }

    var activity: Activity { Activity(accountID: accountId, repID: repId, date: day, type: type) }
}

/// A row of `policy`: every imported policy is kept; the latest is in force.
struct PolicyRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "policy"

    var id: Int64?
    var runId: RunID
    /// The policy file as written.
    var yaml: String
    /// The policy as loaded, so reading it back does not depend on the YAML loader's version.
    var json: String

    enum CodingKeys: String, CodingKey { case id, runId = "run_id", yaml, json }
}
