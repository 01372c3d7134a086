import Foundation
import Testing

/// SPEC §10: every command that prints a summary prints snake_case JSON keys with `--format
/// json`, prints nothing with `--quiet`, and exits 2 on a usage error.
@Suite("output convention: snake_case JSON, --quiet, exit codes")
struct OutputConventionTests {
    /// Every key of every object in `value`, with its path.
    static func keys(_ value: Any, path: String = "$") -> [(path: String, key: String)] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child in [(path, key)] + keys(child, path: path + "." + key) }
        }
        if let array = value as? [Any] {
            return array.enumerated().flatMap { keys($1, path: path + "[\($0)]") }
        }
        return []
    }

    static func isSnakeCase(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } && key.first?.isLetter == true
    }

    /// The summary commands, each in the order that keeps the fixture's calendar moving forward.
    static func commands(_ f: DayTwoFixture) -> [[String]] {
        let data = f.data.path, dir = f.directory.path, db = f.db
        let gap = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/gap/gap1.txt").path
        return [
            ["score", "--data", data, "--out", dir + "/scored.csv"],
            ["capacity", "--data", data],
            ["plan", "--data", data, "--out", dir + "/plan", "--as-of", "2026-10-02"],
            ["plan", "--db", db, "--out", dir + "/plan-db", "--as-of", "2026-10-02"],
            ["gap", gap, "--problem", "1"],
            ["import", "--data", data, "--db", db, "--as-of", "2026-10-02"],
            ["rep", "add", "R4", "--segment", "SMB", "--capacity", "5", "--db", db, "--as-of", "2026-10-03"],
            ["rep", "leave", "R3", "--until", "2026-10-20", "--db", db, "--as-of", "2026-10-03"],
            ["rep", "remove", "R4", "--db", db, "--as-of", "2026-10-03"],
            ["assign", "A10", "--rep", "R2", "--reason", "sponsor", "--lock", "--db", db, "--as-of", "2026-10-04"],
            ["unlock", "A10", "--reason", "done", "--db", db, "--as-of", "2026-10-04"],
            ["return", "--account", "A06", "--rep", "R2", "--reason", "bad_data", "--db", db, "--as-of", "2026-10-05"],
            ["return", "--account", "A07", "--rep", "R2", "--reason", "poor_fit", "--db", db, "--as-of", "2026-10-05"],
            ["review", "clear", "A06", "--reason", "fixed", "--db", db, "--as-of", "2026-10-05"],
            ["disqualify", "lift", "A07", "--reason", "fits now", "--db", db, "--as-of", "2026-10-05"],
            ["route", "--account", "A11", "--db", db, "--as-of", "2026-10-06"],
            ["retrieve", "--db", db, "--as-of", "2026-10-06"],
            ["cycle", "--db", db, "--as-of", "2026-10-07"],
            ["explain", "A05", "--db", db, "--as-of", "2026-10-07"],
            ["export", "--db", db, "--out", dir + "/export"],
            ["export", "--db", db, "--out", dir + "/export", "--since-last"],
            ["report", "--db", db, "--out", dir + "/report.html"],
            ["demo", "--dir", dir + "/demo", "--weeks", "1"],
        ]
    }

    @Test("every summary command prints snake_case JSON keys")
    func snakeCaseKeysOverAllCommands() throws {
        let f = try DayTwoFixture()
        var seen = Set<String>()
        for arguments in Self.commands(f) {
            let output = try f.run(arguments + ["--format", "json"])
            #expect(output.status == 0, "\(arguments.prefix(2)): \(output.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
            // Keys that are data, not fields: the tier names of a `tiers` count (A, B, C, D).
            let bad = Self.keys(json).filter { !Self.isSnakeCase($0.key) && !($0.path.hasSuffix(".tiers") && ["A", "B", "C", "D"].contains($0.key)) }
            #expect(bad.isEmpty, "\(arguments.prefix(2)): \(bad.prefix(5).map { "\($0.path).\($0.key)" })")
            seen.insert(arguments[0])
        }
        #expect(seen.count == 18)
    }

    @Test("--quiet prints nothing; a usage error exits 2, a refused command 1")
    func quietAndExitCodes() throws {
        let f = try DayTwoFixture()
        let quiet = try f.run(["cycle", "--db", f.db, "--as-of", "2026-10-07", "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
        let explain = try f.run(["explain", "A05", "--db", f.db, "--quiet"])
        #expect(explain.status == 0 && explain.stdout.isEmpty)
        let usage = try f.run(["assign", "A05", "--db", f.db])
        #expect(usage.status == 2)
        let refused = try f.run(["assign", "NOPE", "--rep", "R2", "--reason", "x", "--db", f.db, "--as-of", "2026-10-07"])
        #expect(refused.status == 1 && refused.stderr.contains("unknown account NOPE"))
    }
}
