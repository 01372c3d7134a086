import BooksService
import BooksStore
import DynamicBooks
import Foundation
import Testing

/// `routing.strategy: weighted_round_robin` as the service runs it: one transaction per decision,
/// the rotation kept in the workspace.
///
/// Two cells with unequal routing weights, each with a rep away until after the day, whose share
/// the others must absorb in proportion to their weights. NA: W1…W4 with weights 1, 2, 3.5 and
/// 0.5, W5 (weight 2) away. EMEA: E1 and E2 with weights 1 and 3, E3 (weight 2) away. Books are
/// large enough never to fill.
///
/// Smooth weighted round robin is deterministic, so its shares are checked exactly rather than
/// statistically: after every decision each rep's count is within one of `n·w/W` (n decisions in
/// the cell, W the cell's total weight of available reps), and exactly `n·w/W` after every full
/// cycle (W in the smallest whole units of the weights: 14 decisions in NA, 4 in EMEA).
@Suite("Service: weighted round robin shares")
struct WeightedRoundRobinServiceTests {
    static let northAmerica: [RepID: Double] = ["W1": 1, "W2": 2, "W3": 3.5, "W4": 0.5]
    static let emea: [RepID: Double] = ["E1": 1, "E2": 3]

    static func workspace() throws -> Workspace {
        let reps = northAmerica.keys.sorted().map { Rep(id: $0, segment: "SMB", theaters: ["NA"], capacity: 50_000,
                                                         routingWeight: northAmerica[$0] ?? 1) }
            + emea.keys.sorted().map { Rep(id: $0, segment: "SMB", theaters: ["EMEA"], capacity: 50_000, routingWeight: emea[$0] ?? 1) }
            + [Rep(id: "W5", segment: "SMB", theaters: ["NA"], capacity: 50_000, unavailableUntil: ServiceFixture.asOf + 30,
                   routingWeight: 2),
               Rep(id: "E3", segment: "SMB", theaters: ["EMEA"], capacity: 50_000, unavailableUntil: ServiceFixture.asOf + 30,
                   routingWeight: 2)]
        var policy = ServiceFixture.defaultPolicy
        policy.routing.strategy = .weightedRoundRobin
        let path = try ServiceFixture.directory().appendingPathComponent("books.sqlite").path
        let workspace = try Workspace.open(at: path, create: true)
        _ = try workspace.importData(ImportData(accounts: [], reps: reps, policy: policy), asOf: ServiceFixture.day0)
        return workspace
    }

    /// The length of a full rotation: the total weight in the weights' smallest whole unit.
    static func cycle(_ weights: [RepID: Double]) -> Int {
        let units = weights.values.map(SmoothWeightedRoundRobin.units)
        func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }
        let unit = units.reduce(0, gcd)
        return Int(units.reduce(0, +) / unit)
    }

    /// Checks one cell's picks, in the order they were made, against the weights of its available reps.
    static func expectShares(_ picks: [RepID], _ weights: [RepID: Double], sourceLocation: SourceLocation = #_sourceLocation) {
        let total = weights.values.reduce(0, +)
        let cycle = Self.cycle(weights)
        var counts: [RepID: Int] = [:]
        var worst = 0.0
        var inexactCycles = 0
        for (n, rep) in zip(1..., picks) {
            counts[rep, default: 0] += 1
            for (r, w) in weights {
                let expected = Double(n) * w / total
                let got = Double(counts[r] ?? 0)
                worst = max(worst, abs(got - expected))
                if n.isMultiple(of: cycle), got != expected { inexactCycles += 1 }
            }
        }
        #expect(Set(counts.keys).isSubset(of: Set(weights.keys)), "picks outside the available reps: \(counts)",
                sourceLocation: sourceLocation)
        #expect(worst < 1, "largest deviation from n·w/W: \(worst)", sourceLocation: sourceLocation)
        #expect(inexactCycles == 0, "counts off n·w/W after a full cycle of \(cycle)", sourceLocation: sourceLocation)
        for (rep, w) in weights {
            let expected = Double(picks.count) * w / total
            #expect(abs(Double(counts[rep] ?? 0) - expected) <= 0.01 * expected, "\(rep): \(counts[rep] ?? 0) of \(expected)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func tenThousandDecisionsMatchTheWeightsDurably() async throws {
        let workspace = try Self.workspace()
        try workspace.useWriteAheadLog(durability: .normal)
        let service = try RoutingService(workspace: workspace, scorer: InboundScoring.scorer, asOf: ServiceFixture.asOf)
        var picks: [RepID] = []
        var reasons: Set<RoutingReason> = []
        for i in 0 ..< 10_000 {
            let account = Account(id: AccountID("N\(i)"), country: "US", employees: 20, score: 60)
            let decision = try await service.route(.new(account, origin: "test")).decision
            reasons.insert(decision.reason)
            picks.append(decision.rep ?? "-")
        }
        #expect(reasons == [.weightedRoundRobin])
        Self.expectShares(picks, Self.northAmerica)
        #expect(!picks.contains("W5"))

        // Every decision is in the file: a fresh connection finds the same books and routed rows.
        let counted = Dictionary(grouping: picks, by: { $0 }).mapValues(\.count)
        let reopened = try Workspace.open(at: workspace.path, access: .readOnly)
        let (books, routed) = try reopened.read { r in (try r.books(), try r.ledger.entries().filter { $0.kind == .routed }) }
        #expect(Dictionary(grouping: books, by: \.rep).mapValues(\.count) == counted)
        #expect(routed.count == 10_000)
        #expect(Dictionary(grouping: routed.compactMap(\.to), by: { $0 }).mapValues(\.count) == counted)
        #expect(try reopened.read { try $0.ledger.replayBooks() } == books)
    }

    @Test func concurrentRequestsThroughTheLiveServerKeepTheShares() async throws {
        let workspace = try Self.workspace()
        // 30 full cycles in NA (420 decisions), 100 in EMEA (400), interleaved, over 16 connections.
        let bodies = (0 ..< 820).map { i in
            let country = i < 800 && !i.isMultiple(of: 2) ? "GB" : "US"
            return #"{"account_id": "N\#(i)", "country": "\#(country)", "employees": 20, "score": 60}"#
        }
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            try await ConcurrentRoutingTests.send(bodies, port: client.port, connections: 16)
        }
        #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.first { $0.status != 200 }?.text ?? "")")
        let routed = replies.compactMap(\.route)
        #expect(routed.count == 820 && routed.allSatisfy { $0.reason == "weighted_round_robin" && $0.added })

        // Requests race, but decisions are serial: in the order the ledger has them, each cell's
        // picks follow the rotation.
        let inOrder = routed.sorted { ($0.ledger_seq ?? 0) < ($1.ledger_seq ?? 0) }
        let emeaIDs: Set<String> = ["E1", "E2", "E3"]
        let emea = inOrder.compactMap(\.rep_id).filter { emeaIDs.contains($0) }.map { RepID($0) }
        let northAmerica = inOrder.compactMap(\.rep_id).filter { !emeaIDs.contains($0) }.map { RepID($0) }
        #expect(northAmerica.count == 420 && emea.count == 400)
        Self.expectShares(northAmerica, Self.northAmerica)
        Self.expectShares(emea, Self.emea)
        let counted = Dictionary(grouping: northAmerica + emea, by: { $0 }).mapValues(\.count)
        #expect(counted == ["W1": 60, "W2": 120, "W3": 210, "W4": 30, "E1": 100, "E2": 300])

        let loads = try workspace.read { try $0.loads() }
        #expect(loads == counted.mapValues(Double.init))
    }
}
