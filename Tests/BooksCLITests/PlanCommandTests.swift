import AssignmentEngine
import DynamicBooks
import Foundation
import Testing
@testable import BooksCLI

/// `books plan`: options, files and the terminal summary.
@Suite("books plan")
struct PlanCommandTests {
    static let asOf = Day(year: 2026, month: 11, day: 30)

    /// Two cells (SMB/NA with three reps, ENT/EMEA with two), a locked account, an excluded one,
    /// an unmapped one and more SMB accounts than capacity.
    static func instance() -> (accounts: [ScoredAccount], reps: [Rep], policy: Policy) {
        func account(_ id: String, _ segment: String, _ theater: String?, _ score: Double, owner: String? = nil,
                     locked: Bool = false, excluded: Bool = false) -> ScoredAccount {
            let tier: Tier = score >= 75 ? .a : score >= 55 ? .b : score >= 35 ? .c : .d
            return ScoredAccount(account: Account(id: AccountID(id), owner: owner.map { RepID($0) }, locked: locked),
                                 score: score, tier: tier, segment: segment, theater: theater,
                                 workload: segment == "ENT" ? 3 : 1, excludedBy: excluded ? "industry" : nil)
        }
        var accounts: [ScoredAccount] = []
        for i in 0 ..< 40 {
            accounts.append(account(String(format: "s%02d", i), "SMB", "NA", Double(20 + (i * 37) % 80),
                                    owner: i % 4 == 0 ? "smb\(i % 3)" : nil))
        }
        for i in 0 ..< 8 { accounts.append(account("e\(i)", "ENT", "EMEA", Double(40 + i * 7), owner: i == 0 ? "ent0" : nil, locked: i == 0)) }
        accounts.append(account("x", "SMB", "NA", 90, excluded: true))
        accounts.append(account("u", "SMB", nil, 90))
        let reps = (0 ..< 3).map { Rep(id: RepID("smb\($0)"), segment: "SMB", theaters: ["NA"], capacity: 8) }
            + (0 ..< 2).map { Rep(id: RepID("ent\($0)"), segment: "ENT", theaters: ["EMEA"], capacity: 9) }
        var policy = Policy()
        policy.assignment.maxMovesPerRep = 2
        return (accounts, reps, policy)
    }

    @Test("writes the four files and prints a table per segment × theater")
    func table() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("books-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = try PlanOptions.parse(["--out", directory.path, "--solver", "auto"])
        let (accounts, reps, policy) = Self.instance()
        let text = try options.execute(accounts: accounts, reps: reps, policy: policy, activity: [], asOf: Self.asOf)
        for name in Plan.fileNames {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path))
        }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("Plan rebalance as of 2026-11-30 · fairness soft · solver "))
        #expect(lines[1].hasPrefix("50 accounts: 30 in books, 20 in the pool"))
        let header = try #require(lines.first { $0.hasPrefix("cell") })
        #expect(header.contains("capacity") && header.contains("filled") && header.contains("pooled"))
        let smb = try #require(lines.first { $0.hasPrefix("SMB/NA") })
        #expect(smb.contains("24 (100%)"))
        #expect(smb.contains("no_capacity"))
        #expect(smb.contains("excluded 1"))
        #expect(lines.contains { $0.hasPrefix("SMB/unmapped") && $0.hasSuffix("unmapped 1") })
        #expect(lines.contains { $0.hasPrefix("ENT/EMEA") })
    }

    @Test("--json prints the summary with timings; --mode topoff keeps books")
    func json() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("books-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = try PlanOptions.parse(["--out", directory.path, "--mode", "topoff", "--json", "--time-limit", "5"])
        let (accounts, reps, policy) = Self.instance()
        let text = try options.execute(accounts: accounts, reps: reps, policy: policy, activity: [], asOf: Self.asOf)
        let summary = try JSONDecoder.snakeCase.decode(PlanSummary.self, from: Data(text.utf8))
        #expect(summary.mode == .topoff)
        #expect(summary.moves == 0)
        #expect(summary.solve.seconds != nil)
        #expect(summary.changesByReason["kept"] == 11)
    }

    @Test("bad options are refused before any work")
    func badOptions() {
        #expect(throws: (any Error).self) { try PlanOptions.parse(["--mode", "sideways"]) }
        #expect(throws: (any Error).self) { try PlanOptions.parse(["--solver", "cplex"]) }
        #expect(throws: (any Error).self) { try PlanOptions.parse(["--time-limit", "0"]) }
    }
}

extension JSONDecoder {
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
