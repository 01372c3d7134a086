import AssignmentEngine
import DynamicBooks
import Foundation
import Testing

/// `books report` end to end, through the built executable.
@Suite("books report")
struct ReportCommandTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("books-report-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A plan folder written by the planner for a small instance.
    static func planFolder(in directory: URL) throws -> URL {
        let day = Day(year: 2026, month: 11, day: 30)
        let reps = [Rep(id: "R1", name: "Ada", segment: "SMB", theaters: ["NA"], capacity: 3),
                    Rep(id: "R2", name: "Bo", segment: "SMB", theaters: ["NA"], capacity: 3)]
        var accounts: [ScoredAccount] = []
        for i in 1 ... 8 {
            let owner: RepID? = i == 1 ? "R2" : nil
            let account = Account(id: AccountID("A\(i)"), name: "Account \(i)", owner: owner)
            let tier: Tier = i > 5 ? .a : .b
            accounts.append(ScoredAccount(account: account, score: Double(40 + 7 * i), tier: tier, segment: "SMB", theater: "NA",
                                          workload: 1))
        }
        let plan = try Planner().plan(accounts: accounts, reps: reps, policy: Policy(), asOf: day, solver: .auto,
                                      options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, parallelism: 1))
        let folder = directory.appendingPathComponent("plan")
        try plan.write(to: folder)
        return folder
    }

    @Test("From a plan folder: one HTML file, its path printed")
    func fromPlanFolder() throws {
        let books = try BooksBinary()
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = try Self.planFolder(in: dir)
        let out = dir.appendingPathComponent("report.html").path
        let result = try books.run(["report", "--plan", folder.path, "--out", out, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)   // not a terminal: no progress
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["report"] as? String == out)
        #expect(json["source"] as? String == "plan")
        #expect(json["reps"] as? Int == 2)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Book value per rep against the fairness band"))
        #expect((json["bytes"] as? Int) == html.utf8.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["plan", "report.html"])
        #expect(html.contains("band ±15% (policy default, assumed)"))

        // --policy gives the plan's own band.
        let policy = dir.appendingPathComponent("policy.yaml")
        try Data("assignment:\n  fairness: { band: 0.25, mode: soft }\n".utf8).write(to: policy)
        let withPolicy = try books.run(["report", "--plan", folder.path, "--out", out, "--policy", policy.path])
        #expect(withPolicy.status == 0, "\(withPolicy.stderr)")
        let banded = try String(contentsOfFile: out, encoding: .utf8)
        #expect(banded.contains("band ±25%.") && !banded.contains("assumed"))
    }

    @Test("From a workspace, in the working directory by default")
    func fromWorkspace() throws {
        let books = try BooksBinary()
        let (dir, db) = try WorkspaceCommandsTests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try books.run(["report"], in: URL(fileURLWithPath: db).deletingLastPathComponent())
        #expect(result.status == 0, "\(result.stderr)")
        let out = dir.appendingPathComponent("report.html").path
        #expect(result.stdout.hasPrefix("wrote "))
        #expect(result.stdout.contains("report.html (3 reps, 4 accounts, as of 2026-09-01)"))
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("Coverage per rep against the policy threshold"))
        #expect(html.contains("Ada"))
    }

    @Test("Mistakes are one line on stderr and a non-zero exit")
    func errors() throws {
        let books = try BooksBinary()
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nothing = try books.run(["report"], in: dir)
        #expect(nothing.status != 0)
        #expect(nothing.stderr.contains("no workspace books.sqlite here: give --db PATH for a workspace or --plan DIR for a plan folder"))
        let both = try books.run(["report", "--db", "x.sqlite", "--plan", "p"], in: dir)
        #expect(both.status != 0 && both.stderr.contains("give --db or --plan, not both"))
        let empty = try books.run(["report", "--plan", dir.path], in: dir)
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("summary.json: no such file"))
        #expect(empty.stderr.split(separator: "\n").count == 1)
        let folder = try Self.planFolder(in: dir)
        let nowhere = try books.run(["report", "--plan", folder.path, "--out", dir.appendingPathComponent("no/such/r.html").path])
        #expect(nowhere.status != 0 && nowhere.stderr.contains("cannot write the report"))
    }
}
