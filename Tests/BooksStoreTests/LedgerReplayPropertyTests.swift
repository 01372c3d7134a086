@testable import BooksStore
import DynamicBooks
import Testing

/// SplitMix64: a seeded generator, so every random history is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Ledger replay over random histories")
struct LedgerReplayPropertyTests {
    /// Random mixes of plan changes, routing, returns (accepted, rejected or malformed), retrievals
    /// and interrupted runs: after every step the books table is exactly the ledger's replay.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func booksAlwaysEqualTheReplay(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        var policy = Policy()
        policy.returns.minActivities = 1
        policy.returns.minHoldDays = 3
        let workspace = try Fixture.workspace(policy: policy)
        let accounts: [AccountID] = Fixture.accounts.map(\.id)
        let reps: [RepID] = Fixture.reps.map(\.id)
        var day = Fixture.day0 + 1
        for _ in 0 ..< 60 {
            day = day + Int.random(in: 0 ... 4, using: &rng)
            let account = accounts.randomElement(using: &rng) ?? "A1"
            let rep = reps.randomElement(using: &rng) ?? "R1"
            let owner = try workspace.read { try $0.owner(of: account)?.rep }
            switch Int.random(in: 0 ..< 5, using: &rng) {
            case 0:
                _ = try workspace.apply(changes: [BookChange(account: account, from: owner, to: rep, reason: "plan")],
                                        kind: .assigned, run: .plan, asOf: day)
            case 1:
                _ = try? workspace.decideReturns([ReturnSubmission(
                    ReturnRequest(accountID: account, repID: owner ?? rep, date: day,
                                  reason: ["not_interested", "poor_fit", "bad_data", "nope"].randomElement(using: &rng) ?? ""),
                    origin: "random")], asOf: day)
            case 2:
                _ = try workspace.retrieve(asOf: day)
            case 3:
                struct Interrupted: Error {}
                _ = try? workspace.perform(.manual, asOf: day) { tx -> Int in
                    try tx.apply(changes: [BookChange(account: account, from: owner, to: nil, reason: "manual")], kind: .manual)
                    throw Interrupted()
                }
            default:
                _ = try workspace.apply(changes: [BookChange(account: account, from: owner, to: owner == nil ? rep : nil,
                                                             reason: "route")],
                                        kind: owner == nil ? .routed : .manual, run: .route, asOf: day)
            }
            let (replayed, table) = try workspace.read { r in (try r.ledger.replayBooks(), try r.books()) }
            #expect(replayed == table)
        }
        let kinds = try workspace.read { Set(try $0.ledger.entries().map(\.kind)) }
        #expect(kinds.count >= 6)
    }
}
