import BooksStore
import DynamicBooks
import Foundation
import Testing

@Suite("books cycle")
struct CycleCommandTests {
    /// A rebalanced workspace of a small generated team.
    static func workspace() throws -> (path: String, day0: Day) {
        var rng = SeededGenerator(seed: 5)
        let generator = Generator(.init(accounts: 300, reps: 6, segments: 2, theaters: 2))
        let data = generator.generate(using: &rng)
        let day0 = generator.configuration.asOf
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("books-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("books.sqlite").path
        let workspace = try Workspace.open(at: path, create: true)
        _ = try workspace.importData(ImportData(accounts: Scorer(policy: data.policy).score(data.accounts), reps: data.reps,
                                                activity: data.activity, policy: data.policy), asOf: day0)
        return (path, day0)
    }

    static func books(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, reason: Process.TerminationReason, out: String) {
        let process = Process()
        process.executableURL = try BooksBinary().url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason, String(decoding: data, as: UTF8.self))
    }

    @Test("a cycle killed midway leaves the workspace as it was; run again it completes, and a third run changes nothing")
    func killedMidway() throws {
        let (path, day0) = try Self.workspace()
        let day = (day0 + 60).description
        let before = try Workspace.open(at: path).read { try ($0.ledger.entries(), $0.runs()) }

        let killed = try Self.books(["cycle", "--db", path, "--as-of", day, "--solver", "greedy"],
                                    environment: ["BOOKS_FAULT_INJECTION": "cycle-after-retrieve"])
        #expect(killed.reason == .uncaughtSignal)
        let afterKill = try Workspace.open(at: path).read { try ($0.ledger.entries(), $0.runs()) }
        #expect(afterKill.0 == before.0)
        #expect(afterKill.1 == before.1)

        let done = try Self.books(["cycle", "--db", path, "--as-of", day, "--solver", "greedy", "--json"])
        #expect(done.status == 0)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let summary = try decoder.decode(CycleSummary.self, from: Data(done.out.utf8))
        #expect(!summary.alreadyRan)
        #expect(summary.retrieved + summary.toppedOff > 0)
        let afterRun = try Workspace.open(at: path).read { try $0.ledger.entries() }
        #expect(afterRun.count > before.0.count)

        let again = try Self.books(["cycle", "--db", path, "--as-of", day, "--json"])
        #expect(again.status == 0)
        #expect(try decoder.decode(CycleSummary.self, from: Data(again.out.utf8)).alreadyRan)
        #expect(try Workspace.open(at: path).read { try $0.ledger.entries() } == afterRun)
    }

    @Test("books demo runs the loop and writes the report")
    func demo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("books-demo-\(UUID().uuidString)")
        let run = try Self.books(["demo", "--dir", directory.path, "--weeks", "1"])
        #expect(run.status == 0)
        #expect(run.out.contains("Rebalance:"))
        #expect(run.out.contains("2026-12-07"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.html").path))
        let workspace = try Workspace.open(at: directory.appendingPathComponent("books.sqlite").path)
        let runs = try workspace.read { try $0.runs() }
        #expect(runs.filter { $0.kind == RunKind.cycle.rawValue }.count == 1)
        let replayed = try workspace.read { try $0.ledger.replayBooks() }
        #expect(replayed == (try workspace.read { try $0.books() }))
    }
}

@Suite("books plan --db")
struct PlanOnWorkspaceTests {
    @Test("without --apply the workspace is only read; with it the books are the plan's and the ledger replays to them")
    func applyRecordsThePlan() throws {
        let (path, day0) = try CycleCommandTests.workspace()
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("plan").path
        let before = try Workspace.open(at: path).read { try ($0.ledger.entries(), $0.books()) }

        let dry = try CycleCommandTests.books(["plan", "--db", path, "--as-of", day0.description, "--out", out, "--json"])
        #expect(dry.status == 0)
        let unchanged = try Workspace.open(at: path).read { try ($0.ledger.entries(), $0.books()) }
        #expect(unchanged.0 == before.0 && unchanged.1 == before.1)

        let applied = try CycleCommandTests.books(["plan", "--db", path, "--as-of", day0.description, "--out", out, "--apply", "--json"])
        #expect(applied.status == 0)
        let assigned = try #require(try JSONSerialization.jsonObject(with: Data(applied.out.utf8)) as? [String: Any])["assigned"] as? Int
        let (books, replayed) = try Workspace.open(at: path).read { try ($0.books(), $0.ledger.replayBooks()) }
        #expect(books.count == assigned)
        #expect(Set(replayed.map(\.account)) == Set(books.map(\.account)))
        // The workspace's books are books.csv, row for row.
        let csv = try String(contentsOfFile: out + "/books.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let planned = Set(csv.map { line in line.split(separator: ",").prefix(2).joined(separator: ",") })
        #expect(planned == Set(books.map { "\($0.account),\($0.rep)" }))

        let refused = try CycleCommandTests.books(["plan", "--apply", "--out", out])
        #expect(refused.status != 0)
    }
}
