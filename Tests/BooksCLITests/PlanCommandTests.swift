import Foundation
import Testing

/// `books plan`, run as a user runs it: files in, files and a summary out.
@Suite("books plan")
struct PlanCommandTests {
    /// Two cells (SMB/NA with three reps, ENT/EMEA with two), a locked account, an excluded-tier
    /// account, an unmapped one and more SMB accounts than capacity.
    static func data(policy: String = "assignment:\n  continuity:\n    max_moves_per_rep: 2\n", entCapacity: Int = 9) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("books-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var accounts = "id,segment,theater,score,owner,locked,customer\n"
        for i in 0 ..< 40 {
            accounts += String(format: "s%02d,SMB,NA,%d,%@,false,false\n", i, 20 + (i * 37) % 80, i % 4 == 0 ? "smb\(i % 3)" : "")
        }
        for i in 0 ..< 8 { accounts += "e\(i),ENT,EMEA,\(40 + i * 7),\(i == 0 ? "ent0" : ""),\(i == 0),false\n" }
        accounts += "u,SMB,,90,,false,false\n"
        var reps = "id,segment,theaters,capacity\n"
        for i in 0 ..< 3 { reps += "smb\(i),SMB,NA,8\n" }
        for i in 0 ..< 2 { reps += "ent\(i),ENT,EMEA,\(entCapacity)\n" }
        try accounts.write(to: directory.appendingPathComponent("accounts.csv"), atomically: true, encoding: .utf8)
        try reps.write(to: directory.appendingPathComponent("reps.csv"), atomically: true, encoding: .utf8)
        try policy.write(to: directory.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func files(_ directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in ["books.csv", "pool.csv", "changes.csv", "summary.json"] {
            result[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return result
    }

    @Test("writes the four files and prints a table per segment × theater")
    func table() throws {
        let data = try Self.data()
        defer { try? FileManager.default.removeItem(at: data) }
        let out = data.appendingPathComponent("plan")
        let result = try BooksBinary().run(["plan", "--data", data.path, "--out", out.path, "--as-of", "2026-11-30"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Plan rebalance as of 2026-11-30 · fairness soft · solver ") == true)
        #expect(lines.dropFirst().first?.hasPrefix("49 accounts: 30 in books, 19 in the pool") == true)
        let header = try #require(lines.first { $0.hasPrefix("cell") })
        #expect(header.contains("capacity") && header.contains("filled") && header.contains("pooled"))
        let smb = try #require(lines.first { $0.hasPrefix("SMB/NA") })
        #expect(smb.contains("24 (100%)") && smb.contains("no_capacity") && smb.contains("below_min_tier"))
        #expect(lines.contains { $0.hasPrefix("SMB/unmapped") && $0.hasSuffix("unmapped 1") })
        #expect(lines.contains { $0.hasPrefix("ENT/EMEA") })
        let first = try Self.files(out)
        #expect(String(decoding: first["books.csv"] ?? Data(), as: UTF8.self).hasPrefix("account_id,rep_id,value,tier\n"))

        // The same input gives the same bytes.
        let again = try BooksBinary().run(["plan", "--data", data.path, "--out", out.path, "--as-of", "2026-11-30"])
        #expect(again.status == 0)
        #expect(try Self.files(out) == first)
    }

    @Test("--json prints the summary with timings; --mode topoff keeps every book; --format csv lists the cells")
    func formats() throws {
        let data = try Self.data()
        defer { try? FileManager.default.removeItem(at: data) }
        let out = data.appendingPathComponent("plan")
        let json = try BooksBinary().run(["plan", "--data", data.path, "--out", out.path, "--as-of", "2026-11-30",
                                          "--mode", "topoff", "--solver", "greedy", "--time-limit", "5", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(summary["mode"] as? String == "topoff")
        #expect(summary["moves"] as? Int == 0)
        let solve = try #require(summary["solve"] as? [String: Any])
        #expect(solve["seconds"] is Double)
        #expect(solve["solver"] as? String == "greedy")

        let csv = try BooksBinary().run(["plan", "--data", data.path, "--out", out.path, "--as-of", "2026-11-30",
                                         "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("cell,reps,capacity,filled,accounts,moves,min_ratio,max_ratio,gini,solvers,gap,pooled_excluded"))
    }

    @Test("an unsatisfiable policy fails with one line naming the group and the key to relax")
    func infeasible() throws {
        // ent0 is full with its locked 40; ent1 holds one account, never worth exactly 40.
        let data = try Self.data(policy: "assignment:\n  fairness: { band: 0, mode: hard }\n", entCapacity: 3)
        defer { try? FileManager.default.removeItem(at: data) }
        let result = try BooksBinary().run(["plan", "--data", data.path, "--out", data.appendingPathComponent("plan").path,
                                            "--as-of", "2026-11-30", "--solver", "glpk"])
        #expect(result.status != 0)
        let errorLines = result.stderr.split(separator: "\n")
        #expect(errorLines.count == 1)
        #expect(result.stderr.contains("group ENT/EMEA") && result.stderr.contains("assignment.fairness.band"))
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("plan/books.csv").path))
    }

    @Test("bad options are refused before any work")
    func badOptions() throws {
        let data = try Self.data()
        defer { try? FileManager.default.removeItem(at: data) }
        for arguments in [["--mode", "sideways"], ["--solver", "cplex"], ["--time-limit", "0"]] {
            let result = try BooksBinary().run(["plan", "--data", data.path] + arguments)
            #expect(result.status != 0)
            #expect(!result.stderr.isEmpty)
        }
    }
}
