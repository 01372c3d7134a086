import Foundation
import Testing
@testable import DynamicBooks

@Suite("Generator")
struct GeneratorTests {
    func files(seed: UInt64, _ configuration: Generator.Configuration) throws -> [String: [UInt8]] {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var rng = SeededGenerator(seed: seed)
        try Generator(configuration).generate(using: &rng).write(to: dir.url)
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            out[name] = [UInt8](try Data(contentsOf: dir.url.appendingPathComponent(name)))
        }
        return out
    }

    @Test("The same seed gives byte-identical files; another seed does not")
    func determinism() throws {
        let config = Generator.Configuration(accounts: 3_000, reps: 25)
        let first = try files(seed: 11, config), second = try files(seed: 11, config)
        #expect(first.keys.sorted() == ["accounts.csv", "activity.csv", "policy.yaml", "reps.csv", "returns.csv"])
        #expect(first == second)
        let other = try files(seed: 12, config)
        #expect(other["accounts.csv"] != first["accounts.csv"])
        #expect(other["policy.yaml"] == first["policy.yaml"])
    }

    @Test("The seeded generator's sequence is fixed")
    func seededSequence() {
        var rng = SeededGenerator(seed: 0)
        // SplitMix64(0) seeds xoshiro256**; these are its first outputs (checked against the reference C code).
        #expect(rng.next() == 0x99EC_5F36_CB75_F2B4)
        #expect(rng.next() == 0xBF6E_1F78_4956_452A)
    }

    @Test("Generated files load back to the same data", arguments: [
        Generator.Configuration(accounts: 2_000, reps: 20),
        Generator.Configuration(accounts: 1_500, reps: 12, segments: 2, theaters: 4),
        Generator.Configuration(accounts: 1_000, reps: 8, segments: 1, theaters: 3, states: true),
    ])
    func roundTrip(configuration: Generator.Configuration) throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var rng = SeededGenerator(seed: 5)
        let data = Generator(configuration).generate(using: &rng)
        try data.write(to: dir.url)
        let loaded = try DataSet.load(InputFiles(directory: dir.path), required: [.accounts, .reps, .policy, .activity, .returns])
        #expect(loaded.policy == data.policy)
        #expect(loaded.accounts == data.accounts)
        #expect(loaded.reps == data.reps)
        #expect(loaded.activity == data.activity)
        #expect(loaded.returns == data.returns)
        #expect(loaded.accountAttributeColumns == data.accountAttributeColumns)
    }

    @Test("Owners sell to the account's segment and theater; families share owner and segment; activity is the owner's")
    func consistency() throws {
        var rng = SeededGenerator(seed: 9)
        let data = Generator(.init(accounts: 8_000, reps: 60)).generate(using: &rng)
        #expect(data.accounts.count == 8_000 && data.reps.count == 60)
        #expect(Set(data.accounts.map(\.id)).count == 8_000)
        let scorer = Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns)
        let reps = Dictionary(uniqueKeysWithValues: data.reps.map { ($0.id, $0) })
        let byID = Dictionary(uniqueKeysWithValues: data.accounts.map { ($0.id, $0) })
        var owned = 0
        for account in data.accounts {
            if let parent = account.parentID {
                let p = try #require(byID[parent])
                #expect(account.owner == p.owner)
                #expect(account.segment == scorer.segment(of: p))
            }
            guard let owner = account.owner else { continue }
            owned += 1
            let rep = try #require(reps[owner])
            #expect(rep.segment == scorer.segment(of: account))
            if let theater = scorer.theater(of: account) { #expect(rep.covers(theater: theater)) }
            #expect(account.ownedSince != nil)
        }
        #expect(owned > 1_000)
        // last_activity is the owner's latest qualifying touch.
        var latest: [AccountID: Day] = [:]
        for a in data.activity where data.policy.coverage.activityTypes.contains(a.type) {
            #expect(byID[a.accountID]?.owner == a.repID)
            latest[a.accountID] = max(latest[a.accountID] ?? a.date, a.date)
        }
        for account in data.accounts { #expect(account.lastActivity == latest[account.id]) }
        // Every rep's owned workload, families included, stays within its ramped capacity, so the
        // generated books can be kept by a plan.
        var load: [RepID: Double] = [:]
        for s in scorer.score(data.accounts) { if let o = s.account.owner { load[o, default: 0] += s.workload } }
        for rep in data.reps { #expect(load[rep.id, default: 0] <= rep.capacity(under: data.policy) + 1e-9) }
        // Tiers are spread, not all in one.
        let tiers = Dictionary(grouping: scorer.score(data.accounts), by: \.tier).mapValues(\.count)
        for tier in Tier.allCases { #expect(tiers[tier, default: 0] > 200) }
    }

    @Test("Invalid configurations are described")
    func invalidConfiguration() {
        #expect(Generator.Configuration(accounts: 0).problems == ["accounts must be at least 1"])
        #expect(Generator.Configuration(theaters: 9, states: true).problems == ["theaters must be between 1 and 8 with states"])
        #expect(Generator.Configuration(segments: 4).problems == ["segments must be 1, 2 or 3"])
    }
}
