import Foundation
import Testing

/// The crashes and the bricked workspace of the hardening review, through the built executable:
/// each input is refused with one line and exit status 1 (2 for flags), or the command works.
@Suite("books with hostile input")
struct HostileInputCommandsTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("books-cli-hostile-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A generated data set of 300 accounts and 6 reps in `dir/data`.
    func dataSet(in dir: URL, _ books: BooksBinary) throws -> String {
        let data = dir.appendingPathComponent("data").path
        let generated = try books.run(["generate", "--accounts", "300", "--reps", "6", "--seed", "19", "--out", data, "--as-of", "2026-11-30"])
        #expect(generated.status == 0, "\(generated.stderr)")
        return data
    }

    /// `reps.csv` of `data` with the first rep's capacity replaced by `capacity`.
    func setFirstRepCapacity(_ capacity: String, in data: String) throws {
        let path = data + "/reps.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[4] = capacity
        lines[1] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("a 30-byte GAP file of costs 9223372036854775807: refused with line, column and range, no crash")
    func gapCosts() throws {
        let books = try BooksBinary()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("g.txt").path
        try "1 1 1 9223372036854775807 1 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try books.run(["gap", file])
        #expect(result.status == 1 && !result.crashed)
        #expect(result.stderr == "Error: \(file):1:7: found \"9223372036854775807\"; expected an integer in -1000000000–1000000000: cost c[1][1] of problem 1\n")
    }

    @Test("time limits beyond a week are usage errors, not crashes", arguments: [["plan"], ["gap", "g.txt"]])
    func timeLimits(_ command: [String]) throws {
        let books = try BooksBinary()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "1 1 1 5 1 1\n".write(to: dir.appendingPathComponent("g.txt"), atomically: true, encoding: .utf8)
        let result = try books.run(command + ["--time-limit", "1e18"], in: dir)
        #expect(result.status != 0 && !result.crashed)
        #expect(result.stderr.contains("--time-limit must be a number of seconds in 0.001–604800 (one week at most), got 1e+18"))
    }

    @Test("rep capacities of 9e18 and 1e19 are refused at import; 1e-300 is analysed, and refused by the planner with a reason")
    func capacities() throws {
        let books = try BooksBinary()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try dataSet(in: dir, books)
        for capacity in ["9e18", "1e19", "9223372036854775807"] {
            try setFirstRepCapacity(capacity, in: data)
            let imported = try books.run(["import", "--data", data, "--db", dir.appendingPathComponent("ws.sqlite").path, "--as-of", "2026-11-30"])
            #expect(imported.status == 1)
            #expect(imported.stderr == "Error: \(data)/reps.csv:2:5 (capacity): \"\(capacity)\" is outside 0–1000000\n")
        }
        try setFirstRepCapacity("1e-300", in: data)
        let capacity = try books.run(["capacity", "--data", data, "--as-of", "2026-11-30"])
        #expect(capacity.status == 0, "\(capacity.stderr)")
        let plan = try books.run(["plan", "--data", data, "--as-of", "2026-11-30", "--solver", "greedy", "--out", dir.appendingPathComponent("plan").path])
        // A capacity of 1e-300 cannot keep the rep's customers: a clear refusal, not a crash.
        #expect(!plan.crashed && plan.status == 1, "\(plan.stderr)")
        #expect(plan.stderr.hasPrefix("Error: rep R001 must keep") && plan.stderr.split(separator: "\n").count == 1)
    }

    @Test("--as-of 9999-12-01 and a policy's rest_days: 2915000 are refused before anything is written")
    func farDates() throws {
        let books = try BooksBinary()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try dataSet(in: dir, books)
        let db = dir.appendingPathComponent("ws.sqlite").path
        let imported = try books.run(["import", "--data", data, "--db", db, "--as-of", "2026-11-30"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let cycle = try books.run(["cycle", "--db", db, "--as-of", "9999-12-01"])
        #expect(cycle.status != 0 && !cycle.crashed)
        #expect(cycle.stderr.contains("\"9999-12-01\" is outside the allowed dates 1900-01-01 to 9899-12-31"))

        let policy = data + "/policy.yaml"
        try "returns:\n  reasons:\n    not_interested: { rest_days: 2915000 }\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let reimport = try books.run(["import", "--data", data, "--db", db, "--as-of", "2026-11-30"])
        #expect(reimport.status == 1)
        #expect(reimport.stderr == "Error: \(policy):3:34 (returns.reasons.not_interested.rest_days): \"2915000\" is outside 0–36500\n")
    }

    @Test("a workspace holding a five-digit year (as earlier versions wrote) still cycles, explains and exports")
    func fiveDigitYearInAWorkspace() throws {
        let books = try BooksBinary()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try dataSet(in: dir, books)
        let db = dir.appendingPathComponent("ws.sqlite").path
        #expect(try books.run(["import", "--data", data, "--db", db, "--as-of", "2026-11-30"]).status == 0)
        // What a return accepted with --as-of 9999-12-01 used to store: a rest and a bar until year 10007.
        let sql = """
        INSERT INTO rests (account_id, until, reason, seq)
            SELECT account_id, '10007-11-30', 'not_interested', seq FROM books ORDER BY account_id LIMIT 1;
        INSERT INTO bars (account_id, rep_id, until, reason, seq)
            SELECT account_id, rep_id, '10007-11-30', 'same_rep_days', seq FROM books ORDER BY account_id LIMIT 1;
        UPDATE books SET owned_since = '10007-11-30' WHERE account_id = (SELECT account_id FROM books ORDER BY account_id LIMIT 1 OFFSET 1);
        """
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", db, sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0, "sqlite3 is needed for this test")
        let account = try books.run(["export", "--db", db, "--out", dir.appendingPathComponent("export").path])
        #expect(account.status == 0, "\(account.stderr)")
        let first = try String(contentsOfFile: dir.appendingPathComponent("export/books.csv").path, encoding: .utf8)
            .split(separator: "\n")[1].split(separator: ",")[0]
        let explain = try books.run(["explain", String(first), "--db", db, "--as-of", "2026-12-07"])
        #expect(explain.status == 0, "\(explain.stderr)")
        let cycle = try books.run(["cycle", "--db", db, "--as-of", "2026-12-07", "--solver", "greedy"])
        #expect(cycle.status == 0, "\(cycle.stderr)")
        #expect(!cycle.stderr.contains("could not decode"))
    }

    @Test("a 268-byte-style alias bomb in the policy is refused at once with one line")
    func aliasBomb() throws {
        let books = try BooksBinary()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try dataSet(in: dir, books)
        let levels = (0 ..< 9).map { i in
            i == 0 ? "a0: &a0 [x,x,x,x,x,x,x,x,x,x]" : "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ",") + "]"
        }
        try (levels.joined(separator: "\n") + "\n? *a8\n: 1\n").write(toFile: data + "/policy.yaml", atomically: true, encoding: .utf8)
        let result = try books.run(["capacity", "--data", data])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: \(data)/policy.yaml:2:10: \"*a0\" is a YAML alias"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
