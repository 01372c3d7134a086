import BooksService
import BooksStore
import DynamicBooks
import Foundation
import Testing

/// The regulated-geo sample (`data/sample-states`: a health insurer licensed in NY, NJ and PA, its
/// theaters US states) imported into a workspace and routed through the live service.
@Suite("Service: the regulated-geo sample end to end")
struct RegulatedSampleTests {
    static var sampleDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/sample-states").path
    }

    /// The sample, scored and imported as of its day (2026-11-30).
    static func workspace() throws -> (Workspace, DataSet) {
        let data = try DataSet.load(InputFiles(directory: sampleDirectory), required: [.accounts, .reps, .policy])
        let scored = Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns).score(data.accounts)
        let path = try ServiceFixture.directory().appendingPathComponent("books.sqlite").path
        let workspace = try Workspace.open(at: path, create: true)
        let policyText = try String(contentsOfFile: sampleDirectory + "/policy.yaml", encoding: .utf8)
        _ = try workspace.importData(ImportData(accounts: scored, reps: data.reps, activity: data.activity,
                                                policy: data.policy, policyText: policyText),
                                     asOf: Generator.Configuration.sampleStates.asOf)
        return (workspace, data)
    }

    @Test func handRaisersGoToRepsLicensedInTheirState() async throws {
        let (workspace, data) = try Self.workspace()
        let pool = data.accounts.filter { $0.owner == nil }.prefix(120).map(\.id)
        var bodies = pool.map { #"{"account_id": "\#($0)"}"# }
        let states = ["NY", "NJ", "PA", "OH"]
        for i in 0 ..< 40 {
            bodies.append(#"{"account_id": "INB\#(i)", "country": "US", "state": "\#(states[i % 4])", "industry": "Software", "#
                          + #""employees": \#(i % 5 == 0 ? 1200 : 40 + i), "attributes": {"intent": \#(50 + i)}}"#)
        }
        let server = try ServiceFixture.server(workspace)
        let requests = bodies
        let replies = try await ServiceFixture.live(server) { client in
            try await ConcurrentRoutingTests.send(requests, port: client.port, connections: 16)
        }
        #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.first { $0.status != 200 }?.text ?? "")")
        let routed = replies.compactMap(\.route)
        #expect(routed.count == bodies.count)

        let (accounts, reps, books, loads, ledger) = try workspace.read { r in
            (Dictionary(uniqueKeysWithValues: try r.accounts().map { ($0.id, $0) }), try r.reps(), try r.books(),
             try r.loads(), try r.ledger.entries())
        }
        let repByID = Dictionary(uniqueKeysWithValues: reps.map { ($0.id, $0) })
        var reasons: [String: Int] = [:]
        for answer in routed {
            reasons[answer.reason, default: 0] += 1
            let account = try #require(accounts[AccountID(answer.account_id)])
            guard let repID = answer.rep_id else {
                // Only accounts the seller may not take wait: unlicensed states, exclusions.
                #expect(answer.reason == "not_routable", "\(answer)")
                #expect(account.theater == nil || account.excludedBy != nil)
                continue
            }
            let rep = try #require(repByID[RepID(repID)])
            #expect(rep.segment == account.segment)
            #expect(rep.theaters.contains(account.theater ?? "-"), "\(repID) covers \(rep.theaters), account in \(account.theater ?? "nowhere")")
            #expect(books.first { $0.account == account.id }?.rep == rep.id)
        }
        #expect((reasons["least_loaded"] ?? 0) > 60)
        #expect((reasons["not_routable"] ?? 0) > 0)
        // The new OH hand-raisers are unmapped; the NY/NJ/PA ones all found a rep.
        let inbound = routed.filter { $0.account_id.hasPrefix("INB") }
        #expect(inbound.filter { $0.rep_id == nil }.count == 10)
        #expect(inbound.filter { $0.added }.count == 40)

        let policy = try workspace.read { try $0.policy() }
        for rep in reps { #expect((loads[rep.id] ?? 0) <= policy.plannedCapacity(of: rep), "\(rep.id)") }
        #expect(ledger.filter { $0.kind == .routed }.count == bodies.count)
        #expect(try workspace.read { try $0.ledger.replayBooks() } == books)
        #expect(try workspace.journalMode() == "delete")                   // back from WAL once the server stopped
    }
}
