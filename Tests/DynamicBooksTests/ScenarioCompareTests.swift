import Foundation
import Testing
@testable import DynamicBooks

/// `books compare`: every delta checked against a recomputation from the plan folders' files.
@Suite("Scenarios: compare")
struct ScenarioCompareTests {
    /// Generated data planned under two policies, each written as a plan folder.
    struct TwoPlans {
        var scored: [ScoredAccount]
        var reps: [Rep]
        var policies: [Policy]
        var folders: [URL]

        init() throws {
            var rng = SeededGenerator(seed: 11)
            let generator = Generator(.init(accounts: 600, reps: 8, segments: 2, theaters: 2))
            let data = generator.generate(using: &rng)
            var tight = data.policy
            tight.assignment.fairnessBand = 0.05
            tight.assignment.maxMovesPerRep = 5
            tight.assignment.minTier = .b
            policies = [data.policy, tight]
            scored = Scorer(policy: data.policy).score(data.accounts)
            reps = data.reps
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString)")
            folders = []
            for (i, policy) in policies.enumerated() {
                let plan = try Planner().plan(accounts: Scorer(policy: policy).score(data.accounts), reps: data.reps,
                                              policy: policy, asOf: generator.configuration.asOf, mode: .rebalance,
                                              solver: .greedy)
                let folder = root.appendingPathComponent("plan\(i)")
                try plan.write(to: folder)
                folders.append(folder)
            }
        }
    }

    /// `account_id → (rep, value, tier)` straight from a books.csv (generated ids hold no commas).
    static func books(_ folder: URL) throws -> [String: (rep: String, value: Double, tier: String)] {
        let text = try String(contentsOf: folder.appendingPathComponent("books.csv"), encoding: .utf8)
        var out: [String: (rep: String, value: Double, tier: String)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[f[0]] = (f[1], Double(f[2]) ?? .nan, f[3])
        }
        return out
    }

    static func pool(_ folder: URL) throws -> [String: String] {
        let text = try String(contentsOf: folder.appendingPathComponent("pool.csv"), encoding: .utf8)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[f[0]] = f[2]
        }
        return out
    }

    @Test("every per-rep delta, move and total agrees with the two books.csv files")
    func deltasRecomputed() throws {
        let fixture = try TwoPlans()
        let comparison = try BooksComparison(BooksSide(planFolder: fixture.folders[0]), BooksSide(planFolder: fixture.folders[1]))
        let a = try Self.books(fixture.folders[0]), b = try Self.books(fixture.folders[1])
        let poolA = try Self.pool(fixture.folders[0]), poolB = try Self.pool(fixture.folders[1])
        let workload = Dictionary(uniqueKeysWithValues: fixture.scored.map { ($0.id.rawValue, $0.workload) })

        // Moves: exactly the accounts whose rep differs.
        let all = Set(a.keys).union(poolA.keys)
        #expect(all == Set(b.keys).union(poolB.keys))
        let moved = all.filter { a[$0]?.rep != b[$0]?.rep }.sorted()
        #expect(comparison.moves.map(\.accountID.rawValue) == moved)
        #expect(!moved.isEmpty)
        for move in comparison.moves {
            let id = move.accountID.rawValue
            #expect(move.fromRep?.rawValue == a[id]?.rep && move.toRep?.rawValue == b[id]?.rep)
            let kind: AccountMove.Kind = a[id] == nil ? .outOfPool : b[id] == nil ? .intoPool : .repToRep
            #expect(move.kind == kind)
        }

        // Per rep: accounts, load, value, tier mix recomputed from the files.
        var reported = Dictionary(uniqueKeysWithValues: comparison.reps.map { ($0.id.rawValue, $0) })
        for rep in fixture.reps.map(\.id.rawValue) {
            let bookA = a.filter { $0.value.rep == rep }, bookB = b.filter { $0.value.rep == rep }
            let dAccounts = bookB.count - bookA.count
            let dLoad = bookB.keys.reduce(0) { $0 + workload[$1]! } - bookA.keys.reduce(0) { $0 + workload[$1]! }
            let dValue = bookB.values.reduce(0) { $0 + $1.value } - bookA.values.reduce(0) { $0 + $1.value }
            let dTiers = Dictionary(uniqueKeysWithValues: ["A", "B", "C", "D"].map { t in
                (t, bookB.values.filter { $0.tier == t }.count - bookA.values.filter { $0.tier == t }.count)
            })
            let movesIn = moved.filter { b[$0]?.rep == rep && a[$0] != nil }.count
            guard let delta = reported.removeValue(forKey: rep) else {
                #expect(dAccounts == 0 && abs(dLoad) < 1e-9 && abs(dValue) < 1e-3 && dTiers.values.allSatisfy { $0 == 0 },
                        "rep \(rep) differs but is not reported")
                continue
            }
            #expect(delta.accounts == dAccounts, "rep \(rep)")
            #expect(abs(delta.load - dLoad) < 1e-9, "rep \(rep)")
            #expect(abs(delta.value - dValue) < 1e-3, "rep \(rep)")   // books.csv rounds values to 6 decimals
            #expect(delta.tiers == dTiers, "rep \(rep)")
            #expect(delta.movesIn == movesIn, "rep \(rep)")
            #expect(delta.b?.accounts == bookB.count && delta.a?.accounts == bookA.count)
        }
        #expect(reported.isEmpty)

        // Totals.
        func ab(_ tier: String) -> Bool { tier == "A" || tier == "B" }
        #expect(comparison.totals.a.abInBooks == a.values.filter { ab($0.tier) }.count)
        #expect(comparison.totals.b.abInBooks == b.values.filter { ab($0.tier) }.count)
        #expect(comparison.totals.a.abWaiting == poolA.values.filter(ab).count)
        #expect(comparison.totals.b.abWaiting == poolB.values.filter(ab).count)
        #expect(comparison.totals.a.inBooks == a.count && comparison.totals.b.pooled == poolB.count)
        let gained = fixture.reps.map { r in moved.filter { b[$0]?.rep == r.id.rawValue && a[$0] != nil }.count }
        #expect(comparison.totals.movesPerRepMax == gained.max())
        #expect(abs(comparison.totals.movesPerRepMean - Double(gained.reduce(0, +)) / Double(gained.count)) < 1e-12)
        #expect(comparison.totals.repToRep + comparison.totals.intoPool + comparison.totals.outOfPool == moved.count)
    }

    @Test("a plan compared with itself is empty")
    func selfComparisonIsEmpty() throws {
        let fixture = try TwoPlans()
        let side = try BooksSide(planFolder: fixture.folders[1])
        let comparison = try BooksComparison(side, side)
        #expect(comparison.isEmpty)
        #expect(comparison.moves.isEmpty && comparison.reps.isEmpty && comparison.groups.isEmpty)
        #expect(comparison.totals.a == comparison.totals.b)
    }

    @Test("a plan of other data is refused, naming an account")
    func otherDataRefused() throws {
        let fixture = try TwoPlans()
        var side = try BooksSide(planFolder: fixture.folders[1])
        side.accounts["ZZ-extra"] = .init(owner: nil, reason: "below_min_tier", tier: .d)
        #expect(throws: ScenarioError.self) { try BooksComparison(BooksSide(planFolder: fixture.folders[0]), side) }
        do {
            _ = try BooksComparison(BooksSide(planFolder: fixture.folders[0]), side)
        } catch {
            #expect("\(error)".contains("ZZ-extra") && "\(error)".contains("different data"))
        }
    }
}
