@testable import BooksStore
import DynamicBooks
import Foundation

/// A small workspace: four SMB/MM reps across NA and EMEA, eight accounts, some activity.
///
/// Day 0 is 2026-09-01; the tests run "as of" 2026-11-29 (day 89).
enum Fixture {
    static let day0 = Day(year: 2026, month: 9, day: 1)
    static let asOf = Day(year: 2026, month: 11, day: 29)
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_796_000_000) }

    /// A fresh directory under the system temp directory.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("books-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func path() throws -> String { try directory().appendingPathComponent("books.sqlite").path }

    static let reps = [
        Rep(id: "R1", name: "Ada", segment: "SMB", theaters: ["NA"], capacity: 10, specialties: ["Software"]),
        Rep(id: "R2", name: "Bo", segment: "SMB", theaters: ["NA"], capacity: 10),
        Rep(id: "R3", name: "Cy", segment: "SMB", theaters: ["EMEA"], capacity: 10),
        Rep(id: "R4", name: "Di", segment: "MM", theaters: ["NA"], capacity: 10),
    ]

    static func scored(_ id: AccountID, score: Double = 80, segment: String = "SMB", theater: String? = "NA",
                       owner: RepID? = nil, since: Day? = day0, industry: String = "Software",
                       locked: Bool = false, customer: Bool = false, name: String = "") -> ScoredAccount {
        let tier: Tier = score >= 75 ? .a : score >= 55 ? .b : score >= 35 ? .c : .d
        return ScoredAccount(
            account: Account(id: id, name: name.isEmpty ? "Account \(id)" : name, country: theater == "EMEA" ? "GB" : "US",
                             industry: industry, employees: 50, score: score, owner: owner,
                             ownedSince: owner == nil ? nil : since, customer: customer, locked: locked,
                             attributes: ["intent": "70"]),
            score: score, tier: tier, segment: segment, theater: theater, workload: 1)
    }

    static let accounts: [ScoredAccount] = [
        scored("A1", owner: "R1"),                                  // worked: 5 calls
        scored("A2", score: 60, owner: "R1"),                       // idle since day 0
        scored("A3", owner: "R2", since: asOf - 6),                 // new: held 6 days
        scored("A4", score: 90),                                    // pool
        scored("A5", owner: "R2", locked: true),                    // locked, idle
        scored("A6", owner: "R1", customer: true),                  // customer, idle
        scored("A7", theater: "EMEA", owner: "R3"),                 // worked twice
        scored("A8", score: 20),                                    // pool, tier D
    ]

    static let activity: [Activity] =
        [0, 30, 60, 80, 85].map { Activity(accountID: "A1", repID: "R1", date: day0 + $0, type: "call") }
        + [Activity(accountID: "A7", repID: "R3", date: asOf - 2, type: "email"),
           Activity(accountID: "A7", repID: "R3", date: asOf - 1, type: "meeting"),
           Activity(accountID: "A2", repID: "R1", date: day0 + 1, type: "linkedin_view")]

    static func data(policy: Policy = Policy(), accounts: [ScoredAccount] = accounts) -> ImportData {
        ImportData(accounts: accounts, reps: reps, activity: activity, policy: policy, policyText: "# default policy\n")
    }

    /// A workspace with the fixture imported as of day 0.
    static func workspace(policy: Policy = Policy()) throws -> Workspace {
        let workspace = try Workspace.open(at: try path(), create: true, clock: clock)
        _ = try workspace.importData(data(policy: policy), asOf: day0)
        return workspace
    }
}

/// Everything a command may change, to check that a failed one changed nothing.
struct Snapshot: Equatable {
    var ledger: [LedgerEntry]
    var books: [Ownership]
    var runs: Int
    var requests: [ReturnRequestRecord]
    var restrictions: AccountRestrictions

    init(_ workspace: Workspace) throws {
        (ledger, books, runs, requests, restrictions) = try workspace.read { r in
            (try r.ledger.entries(), try r.books(), try r.runs().count, try r.returnRequests(), try r.restrictions())
        }
    }
}
