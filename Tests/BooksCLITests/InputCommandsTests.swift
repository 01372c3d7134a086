import Foundation
import Testing

/// `books generate`, `score` and `capacity` end to end, through the built executable.
@Suite("books generate, score, capacity")
struct InputCommandsTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("books-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("generate → score → capacity")
    func pipeline() throws {
        let books = try BooksBinary()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path

        let generated = try books.run(["generate", "--accounts", "1200", "--reps", "12", "--seed", "4", "--out", data])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.hasPrefix("wrote 1200 accounts, 12 reps"))
        for name in ["accounts.csv", "reps.csv", "activity.csv", "returns.csv", "policy.yaml"] {
            #expect(FileManager.default.fileExists(atPath: data + "/" + name))
        }
        // Same seed, same bytes.
        let again = try books.run(["generate", "--accounts", "1200", "--reps", "12", "--seed", "4", "--out", data + "2"])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: data + "/accounts.csv"))
            == Data(contentsOf: URL(fileURLWithPath: data + "2/accounts.csv")))

        let scoredPath = dir.appendingPathComponent("scored.csv").path
        let score = try books.run(["score", "--data", data, "--out", scoredPath])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.contains("Scored 1,200 accounts into \(scoredPath)"))
        #expect(score.stdout.contains("segment  theater"))
        #expect(score.stderr.isEmpty)
        let scored = try String(contentsOfFile: scoredPath, encoding: .utf8).split(separator: "\n")
        #expect(scored.count == 1_201)
        #expect(scored[0].hasSuffix(",score,tier,workload,excluded_by"))

        let json = try books.run(["score", "--data", data, "--out", scoredPath, "--json"])
        #expect(json.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(summary?["accounts"] as? Int == 1_200)
        let tiers = summary?["tiers"] as? [String: Any]
        let totals = tiers?["totals"] as? [String: Any]
        let counted = ["a", "b", "c", "d", "excluded"].compactMap { totals?[$0] as? Int }.reduce(0, +)
        #expect(counted == 1_200)

        let capacity = try books.run(["capacity", "--data", data, "--as-of", "2026-11-30"])
        #expect(capacity.status == 0, "\(capacity.stderr)")
        #expect(capacity.stdout.contains("reps needed"))
        #expect(capacity.stdout.contains("R001"))
        let capacityJSON = try books.run(["capacity", "--data", data, "--json", "--as-of", "2026-11-30"])
        let analysis = try JSONSerialization.jsonObject(with: Data(capacityJSON.stdout.utf8)) as? [String: Any]
        #expect((analysis?["reps"] as? [Any])?.count == 12)
        #expect((analysis?["cells"] as? [Any])?.isEmpty == false)
    }

    @Test("Bad input: exit status not 0 and one line on standard error")
    func badInput() throws {
        let books = try BooksBinary()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id,name,employees\nA1,One,10\nA2,Two,12a\n".write(to: dir.appendingPathComponent("accounts.csv"), atomically: true, encoding: .utf8)
        let result = try books.run(["score", "--out", "scored.csv"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr == "Error: accounts.csv:3:3 (employees): \"12a\" is not a number\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("scored.csv").path))

        try "assignment:\n  fairnes: { band: 0.2 }\n".write(to: dir.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        let policy = try books.run(["capacity", "--data", dir.path])
        #expect(policy.status != 0)
        #expect(policy.stderr == "Error: \(dir.path)/policy.yaml:2:3: unknown key \"fairnes\" in assignment (did you mean \"fairness\"?)\n")

        let missing = try books.run(["capacity", "--data", dir.appendingPathComponent("nowhere").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(missing.stderr.contains("no such file"))
    }
}
