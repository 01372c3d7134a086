import Foundation
import Testing

/// `books compare`, `books apply` and `books simulate`, run as a user runs them.
@Suite("books compare, apply, simulate")
struct ScenarioCommandsTests {
    static func plan(_ books: BooksBinary, data: URL, policy: String? = nil, out: String) throws {
        var arguments = ["plan", "--data", data.path, "--as-of", "2026-12-01", "--out", out, "--quiet"]
        if let policy { arguments += ["--policy", policy] }
        let result = try books.run(arguments, in: data)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("compare: table, JSON in snake_case, CSV of the moves; the same plan is empty; other data is one line, exit 1")
    func compare() throws {
        let books = try BooksBinary()
        let data = try PlanCommandTests.data()
        try "assignment:\n  min_tier: B\n".write(to: data.appendingPathComponent("tight.yaml"), atomically: true, encoding: .utf8)
        try Self.plan(books, data: data, out: "a")
        try Self.plan(books, data: data, policy: "tight.yaml", out: "b")

        let table = try books.run(["compare", "a", "b"], in: data)
        #expect(table.status == 0 && table.stdout.contains("A/B accounts waiting") && table.stdout.contains("Accounts that move"))
        let json = try books.run(["compare", "a", "b", "--format", "json"], in: data)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let moves = try #require(object["moves"] as? [[String: Any]])
        #expect(!moves.isEmpty && moves.allSatisfy { $0["account_id"] != nil && $0["reason_a"] != nil && $0["reason_b"] != nil })
        let csv = try books.run(["compare", "a", "b", "--format", "csv"], in: data)
        #expect(csv.stdout.split(separator: "\n").count == moves.count + 1)

        let same = try books.run(["compare", "b", "b"], in: data)
        #expect(same.status == 0 && same.stdout.contains("no rep, group or account differs"))

        // Other data: one account fewer in B's pool.
        let other = data.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        for name in ["books.csv", "pool.csv", "changes.csv", "summary.json"] {
            try FileManager.default.copyItem(at: data.appendingPathComponent("b/\(name)"), to: other.appendingPathComponent(name))
        }
        var pool = try String(contentsOf: other.appendingPathComponent("pool.csv"), encoding: .utf8).split(separator: "\n")
        pool.removeLast()
        try (pool.joined(separator: "\n") + "\n").write(to: other.appendingPathComponent("pool.csv"), atomically: true, encoding: .utf8)
        let refused = try books.run(["compare", "a", "other"], in: data)
        #expect(refused.status == 1 && refused.stderr.contains("different data") && refused.stderr.split(separator: "\n").count == 1)

        let report = try books.run(["report", "--compare", "a", "b", "--out", "compare.html"], in: data)
        #expect(report.status == 0)
        let html = try String(contentsOf: data.appendingPathComponent("compare.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("Moves between reps") && !html.contains("<script"))
    }

    @Test("apply: a reviewed plan is recorded once; again it no longer fits and nothing is written")
    func apply() throws {
        let books = try BooksBinary()
        let data = try PlanCommandTests.data()
        #expect(try books.run(["import", "--data", data.path, "--db", "w.sqlite", "--as-of", "2026-12-01", "--quiet"], in: data).status == 0)
        #expect(try books.run(["plan", "--db", "w.sqlite", "--as-of", "2026-12-01", "--out", "reviewed", "--quiet"], in: data).status == 0)
        let first = try books.run(["apply", "reviewed", "--db", "w.sqlite", "--json"], in: data)
        #expect(first.status == 0, "\(first.stderr)")
        let again = try books.run(["apply", "reviewed", "--db", "w.sqlite"], in: data)
        #expect(again.status == 1 && again.stderr.contains("changed hands") && again.stderr.split(separator: "\n").count == 1)
        let now = try books.run(["compare", "reviewed", "--db", "w.sqlite", "--db-side", "b", "--format", "csv"], in: data)
        #expect(now.stdout.split(separator: "\n").count == 1)   // header only: the workspace holds the plan's books
    }

    @Test("simulate: table, files, byte-identical summary for the same seed; bad input writes nothing")
    func simulate() throws {
        let books = try BooksBinary()
        let data = try PlanCommandTests.data()
        let arguments = ["simulate", "--data", data.path, "--baseline", "static", "--weeks", "4", "--runs", "2", "--as-of", "2026-12-01"]
        let first = try books.run(arguments + ["--out", "s1"], in: data)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("dynamic − static"))
        _ = try books.run(arguments + ["--out", "s2", "--quiet"], in: data)
        let one = try Data(contentsOf: data.appendingPathComponent("s1/summary.json"))
        #expect(one == (try Data(contentsOf: data.appendingPathComponent("s2/summary.json"))))
        for name in ["weekly-static.csv", "weekly-dynamic.csv", "simulation.html"] {
            #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("s1/\(name)").path), "\(name)")
        }
        try "work_rate: 0.2\nwork_rat: 1\n".write(to: data.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        try "segments:\n  Startups: { workload: 1 }\n".write(to: data.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        for bad in [["--weeks", "0"], ["--runs", "0"], ["--model", "bad.yaml"], ["--policy", "other.yaml"], ["--policy", "missing.yaml"]] {
            let result = try books.run(arguments + bad + ["--out", "nothing"], in: data)
            #expect(result.status == 1 && result.stderr.split(separator: "\n").count == 1, "\(bad): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("nothing").path), "\(bad)")
        }
    }
}
