import BooksStore
import DynamicBooks
import Foundation
import Testing

@Suite("Service: concurrent routing")
struct ConcurrentRoutingTests {
    /// Sends `bodies` over `connections` connections at once; returns the replies in `bodies`' order.
    static func send(_ bodies: [String], port: Int, connections: Int) async throws -> [ServiceFixture.Reply] {
        try await withThrowingTaskGroup(of: [(Int, ServiceFixture.Reply)].self) { group in
            for c in 0 ..< connections {
                group.addTask {
                    let connection = ServiceFixture.connection(port: port, token: ServiceFixture.token)
                    var replies: [(Int, ServiceFixture.Reply)] = []
                    for i in stride(from: c, to: bodies.count, by: connections) {
                        replies.append((i, try await connection.route(bodies[i])))
                    }
                    try await connection.close()
                    return replies
                }
            }
            var all: [(Int, ServiceFixture.Reply)] = []
            for try await replies in group { all += replies }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    @Test func manyAccountsEachTwiceNeverOverfillABookNorRouteAnAccountTwice() async throws {
        let workspace = try ServiceFixture.workspace()
        // Every unowned account twice, in a shuffled but fixed order: 300 requests on 24 connections.
        var rng = SeededGenerator(seed: 7)
        let bodies = (ServiceFixture.unowned + ServiceFixture.unowned).map { #"{"account_id": "\#($0)"}"# }.shuffled(using: &rng)
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            try await Self.send(bodies, port: client.port, connections: 24)
        }
        #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.first { $0.status != 200 }?.text ?? "")")
        let routed = replies.compactMap(\.route)
        #expect(routed.count == 300)

        // Every answer for an account names the same rep; a rep is never reported over capacity.
        let byAccount = Dictionary(grouping: routed, by: \.account_id)
        for (account, answers) in byAccount {
            #expect(answers.count == 2)
            #expect(Set(answers.map(\.rep_id)).count == 1, "\(account): \(answers)")
        }
        for answer in routed {
            if let load = answer.load, let capacity = answer.capacity { #expect(load <= capacity) }
        }

        // The books: 95 free units filled exactly, no book over capacity, the rest in the pool.
        let (books, loads, ledger) = try workspace.read { r in (try r.books(), try r.loads(), try r.ledger.entries()) }
        #expect(books.count == 5 + 95)
        for rep in ServiceFixture.reps { #expect((loads[rep.id] ?? 0) <= 25, "\(rep.id)") }
        #expect(routed.filter { $0.rep_id == nil }.count == 2 * 55)

        // The ledger matches the answers: one routed row per answer, at the sequence number given.
        let routedRows = ledger.filter { $0.kind == .routed }
        #expect(routedRows.count == 300)
        let rowBySeq = Dictionary(uniqueKeysWithValues: routedRows.compactMap { row in row.seq.map { ($0, row) } })
        for answer in routed {
            let row = try #require(answer.ledger_seq.flatMap { rowBySeq[$0] })
            #expect(row.account.rawValue == answer.account_id && row.to?.rawValue == answer.rep_id && row.reason == answer.reason)
        }
        // Each account changed hands at most once; the books are the ledger's replay.
        let moves = Dictionary(grouping: routedRows.filter { $0.from != $0.to }, by: \.account)
        #expect(moves.values.allSatisfy { $0.count == 1 })
        #expect(try workspace.read { try $0.ledger.replayBooks() } == books)
    }

    @Test func oneAccountHammeredConcurrentlyIsRoutedOnce() async throws {
        let workspace = try ServiceFixture.workspace()
        let bodies = Array(repeating: #"{"account_id": "A042"}"#, count: 120)
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            try await Self.send(bodies, port: client.port, connections: 16)
        }
        let routed = replies.compactMap(\.route)
        #expect(routed.count == 120)
        let reps = Set(routed.map(\.rep_id))
        #expect(reps.count == 1 && reps.first??.isEmpty == false)
        #expect(routed.filter { $0.reason == "least_loaded" }.count == 1)
        #expect(routed.filter { $0.reason == "owner" }.count == 119)
        let (owner, load) = try workspace.read { r in (try r.owner(of: "A042"), try r.loads()) }
        #expect(owner?.rep.rawValue == reps.first ?? nil)
        #expect(load.values.reduce(0, +) == 6)     // O1…O5 and A042, counted once
    }

    @Test func newAccountsRacingForTheLastUnitsNeverOverfill() async throws {
        var policy = ServiceFixture.defaultPolicy
        policy.routing.strategy = .weightedRoundRobin
        let workspace = try ServiceFixture.workspace(policy: policy)
        let bodies = (0 ..< 200).map { #"{"account_id": "NEW\#($0)", "country": "US", "employees": 20, "score": 60}"# }
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            try await Self.send(bodies, port: client.port, connections: 32)
        }
        let routed = replies.compactMap(\.route)
        #expect(routed.count == 200 && routed.allSatisfy(\.added))
        #expect(routed.filter { $0.rep_id != nil }.count == 95)
        #expect(Set(routed.filter { $0.rep_id != nil }.map(\.reason)) == ["weighted_round_robin"])
        let loads = try workspace.read { try $0.loads() }
        for rep in ["R1", "R2", "R3", "R4"] { #expect(loads[RepID(rep)] == 25) }
    }
}
